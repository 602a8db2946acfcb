package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.PostgresTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JobAcquisitionIndexTest} on embedded PostgreSQL 14 (the production database), and what the index is for:
 * with a book of monitored loans in the job table (their timers due weeks ahead), PostgreSQL answers the job
 * acquisition's question from the index instead of reading every job.
 */
@PostgresTest
class JobAcquisitionIndexPostgresIT extends JobAcquisitionIndexTest {

  /**
   * The conditions of Camunda 7.24's acquisition query ({@code selectNextJobsToExecute} in the engine's
   * {@code Job.xml}) as the job executor sends them here: no order, no priority range, not deployment-aware, due
   * dates not forced (so a job without a due date is due).
   */
  private static final String ACQUISITION = """
      SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES
      WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= LOCALTIMESTAMP)
        AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < LOCALTIMESTAMP) AND RES.SUSPENSION_STATE_ = 1
        AND ((RES.EXCLUSIVE_ = TRUE AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2
              WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND J2.EXCLUSIVE_ = TRUE
                AND J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= LOCALTIMESTAMP))
             OR RES.EXCLUSIVE_ = FALSE)
      LIMIT 8""";

  @Test
  void acquisitionReadsTheDueJobsFromTheIndexNotTheWholeBook() {
    jdbc.sql(BookTimerRows.INSERT).param(10_000).update(); // 20,000 timers
    try {
      jdbc.sql("ANALYZE ACT_RU_JOB").update();

      List<String> plan = jdbc.sql("EXPLAIN " + ACQUISITION).query(String.class).list();

      assertThat(String.join("\n", plan)).containsIgnoringCase(JobAcquisitionIndex.NAME)
          .doesNotContainIgnoringCase("Seq Scan on act_ru_job");
    } finally {
      jdbc.sql(BookTimerRows.DELETE).update();
    }
  }
}
