package com.smeloanflow.renewal;

import com.smeloanflow.servicing.LoanAccountService.RenewalPostingUnderWay;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one rule for when a renewal posting recorded as under way can no longer be in flight: a run of the posting job is
 * in flight only while its job's lock is held ({@code camunda.bpm.job-execution.lock-time-in-millis}), so a record at
 * least that old was written by a run that has ended (core banking's client times out well within the lock time). Used by
 * the posting's own next run ({@link RenewalPostingService}) and by the withdrawal when the renewal ends or an operator
 * asks ({@link RenewalPostingWithdrawals}).
 */
@Component
class RenewalPostingLockTime {

  private final Duration lockTime;

  RenewalPostingLockTime(@Value("${camunda.bpm.job-execution.lock-time-in-millis}") long lockTimeInMillis) {
    this.lockTime = Duration.ofMillis(lockTimeInMillis);
  }

  /** The job lock time, as logs and refusals state it. */
  Duration duration() {
    return lockTime;
  }

  /** The earliest moment no run of the posting that wrote the record can be in flight: its job's lock has expired. */
  Instant endableFrom(RenewalPostingUnderWay record) {
    return record.since().plus(lockTime);
  }
}
