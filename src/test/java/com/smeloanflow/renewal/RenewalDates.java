package com.smeloanflow.renewal;

import com.smeloanflow.platform.calendar.BankCalendar;
import java.time.LocalDate;

/** Maturity dates for renewal tests: whether the maturity is a working day decides when 复核续贷金额 opens. */
public final class RenewalDates {

  private RenewalDates() {}

  /**
   * Days from {@code today} to the first maturity date at least {@code atLeast} days away that is a working day, or
   * (when {@code working} is false) that is none: a maturity date nobody works moves 复核续贷金额 to the last working
   * day before it, so a test that depends on the day says which it needs.
   */
  public static int daysToMaturity(BankCalendar calendar, LocalDate today, int atLeast, boolean working) {
    int days = atLeast;
    while (calendar.isWorkingDay(today.plusDays(days)) != working) {
      days++;
    }
    return days;
  }
}
