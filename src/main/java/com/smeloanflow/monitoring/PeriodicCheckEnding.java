package com.smeloanflow.monitoring;

/**
 * How the post-loan-check instance of a periodic check ended without a conclusion, as far as monitoring must act on it
 * ({@link PostLoanMonitoringService#periodicCheckProcessCancelled}).
 */
public enum PeriodicCheckEnding {
  /**
   * An operator deleted it on its own (Cockpit's cancel, the engine API, a batch deletion's job): the engine cancels
   * monitoring's call activity 定期贷后检查 after it, and monitoring is told to go on to its next periodic check.
   */
  DELETED_ALONE,
  /**
   * An operator's modification of monitoring cancelled 定期贷后检查 (Cockpit's "modify", synchronous or in a batch): the
   * modification moves monitoring's flow itself.
   */
  CALL_ACTIVITY_MODIFIED,
  /**
   * Ended with its calling activity for another reason: a signal's check took it over (its boundary event records it),
   * or the monitoring instance itself is being deleted (its end withdraws the check).
   */
  WITH_ITS_CALLER
}
