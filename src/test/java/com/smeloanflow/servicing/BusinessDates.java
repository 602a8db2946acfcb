package com.smeloanflow.servicing;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Business dates for tests of the daily close, which covers every active loan of the (shared) test
 * database. Each test takes an era of its own: three years, each earlier than the one handed out
 * before it (2000, 1997, 1994 ...), so a test's closes never reach the loans of a test that ran
 * before it (disbursed later) nor the loans other tests open today, and no two tests close the same
 * date. Repayments in an era are never "in the future".
 */
public final class BusinessDates {

  private static final AtomicInteger ERAS = new AtomicInteger();

  private BusinessDates() {}

  /** 15 January of a fresh era's first year: disburse the test's loans on it. */
  public static LocalDate era() {
    return LocalDate.of(2000 - 3 * ERAS.getAndIncrement(), 1, 15);
  }
}
