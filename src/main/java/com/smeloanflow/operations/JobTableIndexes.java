package com.smeloanflow.operations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's job table ({@code ACT_RU_JOB}) that Camunda's schema does not have, so that the statements
 * that look for a few jobs do not read a book's worth of them.
 *
 * <p>Every loan under post-loan monitoring keeps two timer jobs (the next periodic check, the monthly re-query of
 * external data), so the job table grows with the book: 2,000,000 rows for 1,000,000 loans, nearly all of them due
 * weeks ahead, unlocked and with retries left (docs/performance.md, "Job acquisition with a book of monitored loans").
 * <ul>
 *   <li>{@link #DUE_DATE}: each node's job acquisition asks for the due jobs; so does the due count of the cluster
 *       figures ({@link OperationsMetrics}).
 *   <li>{@link #LOCKED_OR_FAILED}, PostgreSQL only (a partial index; H2, the demo's database, has none): the cluster
 *       figures' counts of locked, lock-expired and failed jobs, and a stopping node's release of its locks
 *       ({@link JobLocks}). It holds only the jobs a node has locked and the failed ones, a handful at any time.
 * </ul>
 *
 * <p>Created once, by the first node that starts after the engine has created its tables; {@code IF NOT EXISTS} makes
 * every later start a no-op. A failure is logged and the node starts: an index only makes those statements cheaper.
 * On a large existing job table an operator creates them beforehand without blocking writes (README, "Running a
 * cluster").
 */
@Component
class JobTableIndexes implements InitializingBean {

  /** An index this class adds: its name, its statement, what reads the whole job table while it is missing. */
  record JobTableIndex(String name, String create, String withoutIt, boolean postgresOnly) {}

  static final JobTableIndex DUE_DATE = new JobTableIndex("SMELOAN_IDX_JOB_DUEDATE",
      "CREATE INDEX IF NOT EXISTS SMELOAN_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)",
      "each job acquisition reads the whole job table", false);

  static final JobTableIndex LOCKED_OR_FAILED = new JobTableIndex("SMELOAN_IDX_JOB_LOCKED_OR_FAILED",
      "CREATE INDEX IF NOT EXISTS SMELOAN_IDX_JOB_LOCKED_OR_FAILED ON ACT_RU_JOB (LOCK_OWNER_) "
          + "WHERE LOCK_OWNER_ IS NOT NULL OR RETRIES_ = 0",
      "the cluster figures' job counts and a stopping node's release of its job locks read the whole job table", true);

  static final List<JobTableIndex> ALL = List.of(DUE_DATE, LOCKED_OR_FAILED);

  private static final Logger log = LoggerFactory.getLogger(JobTableIndexes.class);

  private final DataSource dataSource;

  /** The engine is a parameter so that this runs after it has created or updated its tables. */
  JobTableIndexes(DataSource dataSource, ProcessEngine engine) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    boolean postgres = isPostgres();
    for (JobTableIndex index : ALL) {
      if (!index.postgresOnly() || postgres) {
        create(index);
      }
    }
  }

  private void create(JobTableIndex index) {
    try {
      JdbcClient.create(dataSource).sql(index.create()).update();
    } catch (RuntimeException e) {
      if (exists(index)) {
        // another node starting at the same moment built it first (PostgreSQL then refuses the same name twice)
        log.info("The index {} was created by another node meanwhile", index.name());
        return;
      }
      log.warn("The index {} on ACT_RU_JOB could not be created ({}): {} until it exists. Create it by hand: {}",
          index.name(), e.getMessage(), index.withoutIt(), index.create());
    }
  }

  /** Whether the job table has the index, from the driver's catalog (H2 keeps names in upper case, PostgreSQL in lower). */
  boolean exists(JobTableIndex index) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData catalog = connection.getMetaData();
      String table = catalog.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
      try (ResultSet indexes = catalog.getIndexInfo(null, null, table, false, false)) {
        while (indexes.next()) {
          if (index.name().equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      return false;
    }
  }

  private boolean isPostgres() {
    try (Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return false;
    }
  }
}
