package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.PostgresTest;
import com.smeloanflow.support.QueryPlans;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JobTableIndexesTest} on embedded PostgreSQL 14 (the production database), with both indexes, and what they
 * are for: with a book of monitored loans in the job table (their timers due weeks ahead), PostgreSQL answers job
 * acquisition, the cluster figures' job counts and a node's release of its locks from the indexes instead of reading
 * every job.
 */
@PostgresTest
class JobTableIndexesPostgresIT extends JobTableIndexesTest {

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

  @Override
  List<JobTableIndexes.JobTableIndex> expected() {
    return List.of(JobTableIndexes.DUE_DATE, JobTableIndexes.LOCKED_OR_FAILED);
  }

  @Test
  void acquisitionReadsTheDueJobsFromTheIndexNotTheWholeBook() throws SQLException {
    String plan = planWithABook(ACQUISITION, Map.of());

    assertThat(plan).containsIgnoringCase(JobTableIndexes.DUE_DATE.name()).doesNotContainIgnoringCase("Seq Scan on act_ru_job");
  }

  @Test
  void theClusterFiguresCountTheJobsFromTheIndexesNotTheWholeBook() throws SQLException {
    String plan = planWithABook(OperationsMetrics.JOB_COUNTS, Map.of("now", Timestamp.from(Instant.now())));

    assertThat(plan).containsIgnoringCase(JobTableIndexes.DUE_DATE.name())
        .containsIgnoringCase(JobTableIndexes.LOCKED_OR_FAILED.name()).doesNotContainIgnoringCase("Seq Scan on act_ru_job");
  }

  @Test
  void aStoppingNodeFindsItsLockedJobsFromTheIndexNotTheWholeBook() throws SQLException {
    String plan = planWithABook(JobLocks.RELEASE, Map.of("owner", "node-a#1"));

    assertThat(plan).containsIgnoringCase(JobTableIndexes.LOCKED_OR_FAILED.name())
        .doesNotContainIgnoringCase("Seq Scan on act_ru_job");
  }

  /** The plan PostgreSQL chooses for {@code statement} with 20,000 timers in the table. */
  private String planWithABook(String statement, Map<String, ?> parameters) throws SQLException {
    return QueryPlans.planWithRows(dataSource, rows -> rows.sql(BookTimerRows.INSERT).param(10_000).update(), "ACT_RU_JOB",
        statement, parameters);
  }
}
