package com.smeloanflow.operations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The job executor's locks in the engine's job table ({@code ACT_RU_JOB}; Camunda's public API has
 * no operation for them). A job acquired by a node carries that node's lock owner and an expiry time;
 * no other node acquires it before the expiry. A node that stops gracefully gives the jobs it acquired
 * and did not start back at once, instead of leaving them to expire.
 */
@Component
public class JobLocks {

  /** Found through the partial index {@link JobTableIndexes#LOCKED_OR_FAILED} on PostgreSQL, not by reading every job. */
  static final String RELEASE =
      "UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = :owner";

  private final JdbcClient jdbc;

  public JobLocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Releases every job locked by {@code lockOwner}: any node may acquire it at its next acquisition.
   * The revision is raised as the engine does on every change of a job, so if the owner were still
   * running one of them, its commit would fail on the optimistic lock instead of completing the job a
   * second time.
   *
   * @return how many jobs were released
   */
  public int release(String lockOwner) {
    return jdbc.sql(RELEASE)
        .param("owner", lockOwner)
        .update();
  }
}
