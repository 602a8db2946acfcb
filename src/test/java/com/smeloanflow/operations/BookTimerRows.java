package com.smeloanflow.operations;

/**
 * The timer rows a book of monitored loans keeps in the engine's job table, as SQL for PostgreSQL: post-loan monitoring
 * waits at two timers per loan (the next periodic check, the monthly re-query), due weeks ahead. The rows are written
 * as the engine writes such timers, due between one and thirty days from now (none becomes due during a test or a
 * benchmark run); they belong to no process instance, so only their effect on the engine's queries can be measured
 * with them. Used by {@link JobTableIndexesPostgresIT} and the benchmark's {@code -Dbenchmark.auto.bookLoans}.
 */
public final class BookTimerRows {

  /** Inserts the timers of {@code ?} loans (one parameter: the number of loans; two rows each). */
  public static final String INSERT = """
      INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, PROCESS_DEF_KEY_,
        RETRIES_, DUEDATE_, HANDLER_TYPE_, HANDLER_CFG_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_, CREATE_TIME_)
      SELECT 'book-timer-' || g, 1, 'timer', TRUE, 'book-execution-' || g, 'book-instance-' || (g / 2), 'post-loan-monitoring',
        3, LOCALTIMESTAMP + INTERVAL '1 day' + (g % 41760) * INTERVAL '1 minute', 'timer-intermediate-transition',
        CASE WHEN g % 2 = 0 THEN 'TimerEvent_PeriodicCheckDue' ELSE 'StartEvent_RequeryDue' END, 1, 0, 1, LOCALTIMESTAMP
      FROM generate_series(1, 2 * CAST(? AS BIGINT)) g""";

  /** Removes every row {@link #INSERT} wrote. */
  public static final String DELETE = "DELETE FROM ACT_RU_JOB WHERE ID_ LIKE 'book-timer-%'";

  private BookTimerRows() {}
}
