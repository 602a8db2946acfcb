package com.smeloanflow.monitoring;

import com.smeloanflow.platform.BusinessClock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bank's settings of post-loan monitoring ({@code smeloan.monitoring.*}): the rhythm of periodic
 * checks, how long a called-in borrower has to repay, and when falling inflows are a signal.
 */
@Component
public class MonitoringPolicy {

  private final Period normalInterval;
  private final Period watchInterval;
  private final int callInNoticeDays;
  private final int inflowCollapsePercent;

  public MonitoringPolicy(@Value("${smeloan.monitoring.normal-check-interval:P3M}") Period normalInterval,
      @Value("${smeloan.monitoring.watch-check-interval:P1M}") Period watchInterval,
      @Value("${smeloan.monitoring.call-in-notice-days:15}") int callInNoticeDays,
      @Value("${smeloan.monitoring.inflow-collapse-percent:50}") int inflowCollapsePercent) {
    this.normalInterval = normalInterval;
    this.watchInterval = watchInterval;
    this.callInNoticeDays = callInNoticeDays;
    this.inflowCollapsePercent = inflowCollapsePercent;
  }

  /** The next periodic check after a check on {@code lastCheck}: a quarter later, a month on the watch list. */
  public LocalDate nextCheckDue(LocalDate lastCheck, boolean watchListed) {
    return lastCheck.plus(watchListed ? watchInterval : normalInterval);
  }

  /** The day a called-in borrower must repay by. */
  public LocalDate callInDueOn(LocalDate today) {
    return today.plusDays(callInNoticeDays);
  }

  public SignalDetector detector() {
    return new SignalDetector(inflowCollapsePercent);
  }

  /** A business date's start in China Standard Time, as a timer's due date. */
  public static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(BusinessClock.BANK_ZONE).toInstant());
  }
}
