package com.smeloanflow.identity;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Branch codes and divisions no other test of this JVM uses (the test database is shared and never
 * cleaned): codes {@code TB001}, {@code TB002}, ... and county-level divisions of 海南 (46xxxx),
 * which the demo branches (遵义, 52xxxx) do not cover.
 */
final class TestBranches {

  private static final AtomicInteger CODES = new AtomicInteger();
  private static final AtomicInteger DIVISIONS = new AtomicInteger();

  private TestBranches() {}

  static String freshCode() {
    return String.format("TB%03d", CODES.incrementAndGet());
  }

  static String freshDivision() {
    int n = DIVISIONS.getAndIncrement();
    return String.format("46%02d%02d", n / 99 + 1, n % 99 + 1);
  }
}
