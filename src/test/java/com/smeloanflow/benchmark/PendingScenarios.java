package com.smeloanflow.benchmark;

import java.util.List;

/**
 * Slots for the servicing measurements whose features are still being built: the daily close over
 * 1,000,000 loan accounts (target under 20 s on PostgreSQL) and the repayment feed's throughput.
 * Each answers {@link Scenario.Pending} until its feature exists; then replace the body of
 * {@code run} with the measurement (seed the accounts through the feature's own bulk path, run the
 * close, report seconds and accounts/s; offer repayments at stepped rates with {@link RateSearch}).
 */
final class PendingScenarios {

  private PendingScenarios() {}

  static List<Scenario> all() {
    return List.of(
        pending("daily-close", "Daily close of servicing over 1,000,000 loan accounts",
            "The servicing daily close does not exist yet (another engineer is building it). Target: under 20 s for "
                + "1,000,000 loan accounts on PostgreSQL. Plug the measurement in here (PendingScenarios)."),
        pending("repayment-feed", "Repayment feed from core banking",
            "The repayment feed does not exist yet. Plug its throughput measurement in here (PendingScenarios)."));
  }

  private static Scenario pending(String id, String title, String reason) {
    return new Scenario() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public Result run(Context context) {
        return new Pending(id, reason);
      }
    };
  }
}
