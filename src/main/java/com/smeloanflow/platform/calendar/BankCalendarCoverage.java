package com.smeloanflow.platform.calendar;

import com.smeloanflow.platform.BusinessClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the bank calendar holds the tables the deadlines computed now need: this year's, and next year's
 * from {@link BankCalendarProperties#nextYearExpectedDays} before 1 January on (a 30-working-day timer set in
 * late November ends in January). A year without its table counts Monday to Friday only, so 元旦 or 春节
 * would count as working days in every deadline computed before the table is loaded; a deadline already set
 * is not computed again.
 *
 * <p>{@link #check()} runs on every node at start and every hour ({@link BankCalendarCoverageSchedule}): it
 * sets the gauge {@code smeloan_bank_calendar_tables_missing} (0 when nothing is missing; a scrape reads the
 * last check, never the database) and logs a warning naming the year and the call that loads it, at most
 * once a day per node.
 */
@Component
public class BankCalendarCoverage {

  private static final Logger log = LoggerFactory.getLogger(BankCalendarCoverage.class);

  private final BankCalendar calendar;
  private final BusinessClock clock;
  private final int nextYearExpectedDays;
  private final AtomicReference<List<Integer>> missing = new AtomicReference<>(List.of());
  private volatile LocalDate warnedOn;

  public BankCalendarCoverage(BankCalendar calendar, BusinessClock clock, BankCalendarProperties properties,
      MeterRegistry meters) {
    this.calendar = calendar;
    this.clock = clock;
    this.nextYearExpectedDays = properties.nextYearExpectedDays();
    Gauge.builder("smeloan.bank.calendar.tables.missing", this, coverage -> coverage.missing.get().size())
        .description("Bank calendar tables the deadlines computed now need and nobody loaded: this year's, and next"
            + " year's from smeloan.calendar.next-year-expected-days before 1 January")
        .register(meters);
  }

  /** The years whose table is needed on {@code today}: its own, and the next from {@code expectedDays} before 1 January. */
  static List<Integer> yearsNeeded(LocalDate today, int expectedDays) {
    List<Integer> years = new ArrayList<>(List.of(today.getYear()));
    if (!today.isBefore(LocalDate.of(today.getYear() + 1, 1, 1).minusDays(expectedDays))) {
      years.add(today.getYear() + 1);
    }
    return List.copyOf(years);
  }

  /** Reads which needed tables are missing (one query), updates the gauge, and warns once a day while any is. */
  public List<Integer> check() {
    LocalDate today = clock.today();
    List<Integer> loaded = calendar.loadedYears();
    List<Integer> now = yearsNeeded(today, nextYearExpectedDays).stream().filter(year -> !loaded.contains(year)).toList();
    missing.set(now);
    if (!now.isEmpty() && !today.equals(warnedOn)) {
      warnedOn = today;
      log.warn("Bank calendar: no table for {}; deadlines computed now count Monday to Friday only in {}. An administrator"
          + " loads the State Council's holiday notice with PUT /api/bank-calendar/{}", now, now.size() == 1 ? "that year"
          : "those years", now.get(now.size() - 1));
    }
    return now;
  }

  /** The needed years found missing by the last check. */
  public List<Integer> missing() {
    return missing.get();
  }
}
