package com.smeloanflow.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator learns before 1 January that next year's holidays are not loaded: deadlines computed in late
 * November already reach into January. Years far ahead, so that no other test's table is in the way.
 */
class BankCalendarCoverageTest extends AbstractIntegrationTest {

  @Autowired BankCalendar calendar;
  @Autowired BankCalendarCoverage coverage;
  @Autowired MeterRegistry meters;

  private static void today(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant()));
  }

  private double gauge() {
    return meters.get("smeloan.bank.calendar.tables.missing").gauge().value();
  }

  private void load(int year) {
    calendar.load(year, new LoadBankCalendarYear("测试通知", List.of(new BankCalendarYear.Day(LocalDate.of(year, 1, 1), "元旦")),
        List.of()), "admin");
  }

  @Test
  void nextYearIsExpectedFromFortyFiveDaysBeforeTheFirstOfJanuary() {
    assertThat(BankCalendarCoverage.yearsNeeded(LocalDate.of(2026, 11, 16), 45)).containsExactly(2026);
    assertThat(BankCalendarCoverage.yearsNeeded(LocalDate.of(2026, 11, 17), 45)).containsExactly(2026, 2027);
    assertThat(BankCalendarCoverage.yearsNeeded(LocalDate.of(2026, 12, 31), 45)).containsExactly(2026, 2027);
    assertThat(BankCalendarCoverage.yearsNeeded(LocalDate.of(2027, 1, 1), 45)).containsExactly(2027);
    assertThat(BankCalendarCoverage.yearsNeeded(LocalDate.of(2026, 12, 31), 0)).containsExactly(2026);
  }

  @Test
  void theGaugeCountsTheMissingTablesUntilAnAdministratorLoadsThem() {
    load(2090);
    today(LocalDate.of(2090, 11, 1));
    assertThat(coverage.check()).isEmpty();
    assertThat(gauge()).isZero();

    today(LocalDate.of(2090, 12, 2));
    assertThat(coverage.check()).containsExactly(2091);
    assertThat(gauge()).isEqualTo(1.0);

    load(2091);
    assertThat(coverage.check()).isEmpty();
    assertThat(gauge()).isZero();
  }

  @Test
  void aYearRunningWithoutItsTableIsMissingAllYear() {
    today(LocalDate.of(2093, 6, 1));

    assertThat(coverage.check()).containsExactly(2093);
    assertThat(coverage.missing()).containsExactly(2093);
    assertThat(gauge()).isEqualTo(1.0);
  }
}
