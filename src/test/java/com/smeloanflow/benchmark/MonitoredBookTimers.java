package com.smeloanflow.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;

/**
 * The timers a book of monitored loans keeps in the engine's job table, for the AUTO scenario to run beside them
 * ({@code -Dbenchmark.auto.bookLoans=N}; docs/performance.md, "Job acquisition with a book of monitored loans").
 * Post-loan monitoring waits at two timers per loan (the next periodic check, the monthly re-query), due weeks ahead:
 * 2 × N rows written as the engine writes such timers, due between one and thirty days from now, so none becomes due
 * during a run. Only their effect on the engine's queries is measured: they belong to no process instance, and are
 * removed after the scenario. PostgreSQL only (the demo's H2 file is open in the application alone).
 */
final class MonitoredBookTimers {

  static final String ID_PREFIX = "book-timer-";

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
        PreparedStatement insert = connection.prepareStatement("""
            INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, PROCESS_DEF_KEY_,
              RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_, CREATE_TIME_)
            SELECT ? || g, 1, 'timer', TRUE, 'book-execution-' || g, 'book-instance-' || (g / 2), 'post-loan-monitoring',
              3, LOCALTIMESTAMP + INTERVAL '1 day' + (g % 41760) * INTERVAL '1 minute', 'timer-intermediate-transition',
              CASE WHEN g % 2 = 0 THEN 'TimerEvent_PeriodicCheckDue' ELSE 'StartEvent_RequeryDue' END, 1, 0, 1, LOCALTIMESTAMP
            FROM generate_series(1, ?) g""");
        Statement analyze = connection.createStatement()) {
      insert.setString(1, ID_PREFIX);
      insert.setLong(2, 2L * loans);
      timers = insert.executeUpdate();
      analyze.execute("ANALYZE ACT_RU_JOB");
    }
    return new Seeded(loans, timers, (System.nanoTime() - start) / 1e9);
  }

  static void remove(Target.Database database) throws Exception {
    try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM ACT_RU_JOB WHERE ID_ LIKE '" + ID_PREFIX + "%'");
      statement.execute("ANALYZE ACT_RU_JOB");
    }
  }
}
