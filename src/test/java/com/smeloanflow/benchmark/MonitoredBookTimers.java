package com.smeloanflow.benchmark;

import com.smeloanflow.operations.BookTimerRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;

/**
 * The timers of a book of monitored loans ({@link BookTimerRows}) in the job table, for the AUTO scenario to run beside
 * them ({@code -Dbenchmark.auto.bookLoans=N}; docs/performance.md, "Job acquisition with a book of monitored loans"),
 * removed after the scenario. PostgreSQL only (the demo's H2 file is open in the application alone).
 */
final class MonitoredBookTimers {

  private MonitoredBookTimers() {}

  /** What was seeded: the loans, the rows and how long it took. */
  record Seeded(int loans, long timers, double seconds) {
    String describe() {
      return String.format(Locale.ROOT, "%,d timer jobs of %,d monitored loans in the job table (due 1 to 30 days ahead, "
          + "seeded in %.1f s)", timers, loans, seconds);
    }
  }

  static Seeded seed(Target.Database database, int loans) throws Exception {
    long start = System.nanoTime();
    long timers;
    try (Connection connection = Databases.connect(database);
        PreparedStatement insert = connection.prepareStatement(BookTimerRows.INSERT);
        Statement analyze = connection.createStatement()) {
      insert.setLong(1, loans);
      timers = insert.executeUpdate();
      analyze.execute("ANALYZE ACT_RU_JOB");
    }
    return new Seeded(loans, timers, (System.nanoTime() - start) / 1e9);
  }

  static void remove(Target.Database database) throws Exception {
    try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement()) {
      statement.executeUpdate(BookTimerRows.DELETE);
      statement.execute("ANALYZE ACT_RU_JOB");
    }
  }
}
