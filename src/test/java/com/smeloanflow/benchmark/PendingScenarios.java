package com.smeloanflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Slots for the servicing measurements whose features are built elsewhere: the daily close over
 * 1,000,000 loan accounts (target under 20 s on PostgreSQL) and the repayment feed's throughput.
 * Each answers {@link Scenario.Pending} until its measurement is plugged in here (seed the accounts
 * through the feature's own bulk path, run the close against the running application's database,
 * report seconds and accounts/s; offer repayments at stepped rates with {@link RateSearch}). If an
 * in-JVM daily-close benchmark of the same command ({@code @Tag("benchmark")}, run by surefire before
 * this harness) left {@code daily-close.md} in the output directory, the report shows it beside the
 * pending target, as what it is.
 */
final class PendingScenarios {

  static final String DAILY_CLOSE_FILE = "daily-close.md";

  private PendingScenarios() {}

  static List<Scenario> all() {
    return List.of(
        slot("repayment-feed", "Repayment feed from core banking",
            "No repayment-feed measurement yet (the feed is on main; this harness does not drive it). Plug its throughput in here "
                + "(PendingScenarios).", null));
  }

  /** A pending target, with another benchmark's figures for the same feature when they are there. */
  record PendingWithElsewhere(String scenario, String reason, String measuredElsewhere) implements Scenario.Result {
    public String status() {
      return "pending";
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>(new Scenario.Pending(scenario, reason).markdown());
      if (measuredElsewhere != null) {
        md.add("");
        md.add("Measured by the in-JVM benchmark of the same command (`" + DAILY_CLOSE_FILE + "`; its own database and "
            + "size, not this target's):");
        md.add("");
        md.add(measuredElsewhere.strip());
      }
      return md;
    }
  }

  private static Scenario slot(String id, String title, String reason, String fileFromElsewhere) {
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
      public boolean appliesTo(String database) {
        return database.equals("postgres");
      }

      @Override
      public Result run(Context context) throws IOException {
        Path elsewhere = fileFromElsewhere == null ? null : context.settings().outputDirectory().resolve(fileFromElsewhere);
        if (elsewhere != null && Files.exists(elsewhere)) {
          return new PendingWithElsewhere(id, reason, Files.readString(elsewhere, StandardCharsets.UTF_8));
        }
        return new Scenario.Pending(id, reason);
      }
    };
  }
}
