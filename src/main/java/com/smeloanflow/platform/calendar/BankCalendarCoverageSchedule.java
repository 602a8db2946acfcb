package com.smeloanflow.platform.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link BankCalendarCoverage#check()} on every node soon after start and then every hour
 * ({@code smeloan.calendar.coverage-check-enabled}, on by default; off in tests, which call it themselves).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.calendar.coverage-check-enabled", havingValue = "true", matchIfMissing = true)
public class BankCalendarCoverageSchedule {

  private static final Logger log = LoggerFactory.getLogger(BankCalendarCoverageSchedule.class);

  private final BankCalendarCoverage coverage;

  public BankCalendarCoverageSchedule(BankCalendarCoverage coverage) {
    this.coverage = coverage;
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT30S")
  public void check() {
    try {
      coverage.check();
    } catch (RuntimeException e) {
      log.warn("Bank calendar coverage check failed; retrying in an hour", e);
    }
  }
}
