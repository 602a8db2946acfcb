package com.smeloanflow.platform.calendar;

import com.smeloanflow.platform.BusinessClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.function.Predicate;

/**
 * Working time between moments, for many pairs at once: which days of a range are working days is read once,
 * and each pair is then counted without walking its days (the first and the last day's part, plus the working
 * days between them times a working day). A pair reaching outside the range walks the days outside it, asking
 * the calendar. A snapshot of the calendar when it was made ({@link BankCalendar#workingTimeCounter}).
 *
 * <p>The manager dashboard counts every stretch of a year's applications with one (302,231 applications at
 * 1,000,000), which through {@link BankCalendar#workingTimeBetween} one by one were 29-30 % of that
 * request's CPU (docs/performance.md, "The manager dashboard's cycle times").
 */
public final class WorkingTimeCounter {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ZoneRules zone = BusinessClock.BANK_ZONE.getRules();
  private final Predicate<LocalDate> isWorkingDay;
  private final long[] periodStarts;
  private final long[] periodEnds;
  private final long workingDayNanos;
  private final long firstDay;
  /** Working days in [firstDay, firstDay + i), for i = 0 .. the range's length. */
  private final int[] workingDaysBefore;

  WorkingTimeCounter(LocalDate first, LocalDate last, List<BankCalendarProperties.Period> periods,
      Predicate<LocalDate> isWorkingDay) {
    this.isWorkingDay = isWorkingDay;
    this.periodStarts = periods.stream().mapToLong(period -> period.start().toNanoOfDay()).toArray();
    this.periodEnds = periods.stream().mapToLong(period -> period.end().toNanoOfDay()).toArray();
    this.workingDayNanos = overlap(0, Long.MAX_VALUE);
    this.firstDay = first.toEpochDay();
    int days = last.isBefore(first) ? 0 : (int) (last.toEpochDay() - firstDay + 1);
    this.workingDaysBefore = new int[days + 1];
    for (int i = 0; i < days; i++) {
      workingDaysBefore[i + 1] = workingDaysBefore[i] + (isWorkingDay.test(LocalDate.ofEpochDay(firstDay + i)) ? 1 : 0);
    }
  }

  /** The working time between two moments; zero when {@code to} is not after {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    long fromLocal = localSeconds(from);
    long toLocal = localSeconds(to);
    long fromDay = Math.floorDiv(fromLocal, SECONDS_PER_DAY);
    long toDay = Math.floorDiv(toLocal, SECONDS_PER_DAY);
    long fromNanoOfDay = Math.floorMod(fromLocal, SECONDS_PER_DAY) * NANOS_PER_SECOND + from.getNano();
    long toNanoOfDay = Math.floorMod(toLocal, SECONDS_PER_DAY) * NANOS_PER_SECOND + to.getNano();
    if (fromDay == toDay) {
      return Duration.ofNanos(isWorking(fromDay) ? overlap(fromNanoOfDay, toNanoOfDay) : 0);
    }
    long total = (isWorking(fromDay) ? overlap(fromNanoOfDay, Long.MAX_VALUE) : 0)
        + (isWorking(toDay) ? overlap(0, toNanoOfDay) : 0);
    return Duration.ofNanos(total + workingDayNanos * workingDaysBetween(fromDay, toDay));
  }

  /** Working days strictly between two days. */
  private long workingDaysBetween(long fromDay, long toDay) {
    long lastInRange = firstDay + workingDaysBefore.length - 1;
    if (fromDay + 1 >= firstDay && toDay <= lastInRange) {
      return workingDaysBefore[(int) (toDay - firstDay)] - workingDaysBefore[(int) (fromDay + 1 - firstDay)];
    }
    long days = 0;
    for (long day = fromDay + 1; day < toDay; day++) {
      days += isWorking(day) ? 1 : 0;
    }
    return days;
  }

  private boolean isWorking(long epochDay) {
    long index = epochDay - firstDay;
    if (index >= 0 && index < workingDaysBefore.length - 1) {
      return workingDaysBefore[(int) index + 1] > workingDaysBefore[(int) index];
    }
    return isWorkingDay.test(LocalDate.ofEpochDay(epochDay));
  }

  /** The working periods' nanoseconds within [from, to) of one working day. */
  private long overlap(long from, long to) {
    long total = 0;
    for (int i = 0; i < periodStarts.length; i++) {
      long overlap = Math.min(periodEnds[i], to) - Math.max(periodStarts[i], from);
      if (overlap > 0) {
        total += overlap;
      }
    }
    return total;
  }

  /** Seconds since the epoch of the bank's local date-time at that moment. */
  private long localSeconds(Instant instant) {
    return instant.getEpochSecond() + zone.getOffset(instant).getTotalSeconds();
  }
}
