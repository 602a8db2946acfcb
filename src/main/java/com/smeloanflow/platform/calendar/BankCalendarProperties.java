package com.smeloanflow.platform.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bank calendar's settings ({@code smeloan.calendar}).
 *
 * @param workingHours         the working hours of a working day, China Standard Time: periods such as
 *                             {@code 09:00-12:00} in day order (default 09:00–12:00 and 13:00–17:00, seven
 *                             hours). SLA goals and deadlines are counted in these hours.
 * @param nextYearExpectedDays how many days before 1 January next year's table is expected (default 45: the
 *                             longest working-day timer, 30 working days, then reaches into the next year);
 *                             from then on {@link BankCalendarCoverage} reports it missing
 */
@ConfigurationProperties("smeloan.calendar")
public record BankCalendarProperties(List<String> workingHours, Integer nextYearExpectedDays) {

  public BankCalendarProperties {
    workingHours = workingHours == null || workingHours.isEmpty() ? List.of("09:00-12:00", "13:00-17:00") : List.copyOf(workingHours);
    periods(workingHours);
    nextYearExpectedDays = nextYearExpectedDays == null ? 45 : nextYearExpectedDays;
    if (nextYearExpectedDays < 0 || nextYearExpectedDays > 365) {
      throw new IllegalArgumentException("smeloan.calendar.next-year-expected-days: 0 to 365, not " + nextYearExpectedDays);
    }
  }

  /** A period of work within a day. */
  public record Period(LocalTime start, LocalTime end) {
    Duration length() {
      return Duration.between(start, end);
    }
  }

  /** The periods, checked: each starts before it ends, after the one before it. */
  public List<Period> periods() {
    return periods(workingHours);
  }

  private static List<Period> periods(List<String> texts) {
    List<Period> periods = new ArrayList<>();
    for (String text : texts) {
      String[] parts = text.trim().split("-");
      if (parts.length != 2) {
        throw new IllegalArgumentException("smeloan.calendar.working-hours: '" + text + "' is not like 09:00-12:00");
      }
      Period period = new Period(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
      if (!period.start().isBefore(period.end())
          || (!periods.isEmpty() && period.start().isBefore(periods.get(periods.size() - 1).end()))) {
        throw new IllegalArgumentException("smeloan.calendar.working-hours: periods must be in day order and not overlap: " + texts);
      }
      periods.add(period);
    }
    return List.copyOf(periods);
  }

  /** Working time of one working day. */
  public Duration workingDay() {
    return periods().stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
  }
}
