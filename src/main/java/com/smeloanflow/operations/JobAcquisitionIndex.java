package com.smeloanflow.operations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs ({@code ACT_RU_JOB.DUEDATE_}), which Camunda's schema does not have.
 *
 * <p>Every loan under post-loan monitoring keeps two timer jobs (the next periodic check, the monthly re-query of
 * external data), so the job table grows with the book: 2,000,000 rows for 1,000,000 loans, nearly all of them due
 * weeks ahead. Each node's job acquisition asks for the due jobs without an order; with no index on the due date the
 * database reads the whole table for it, on every acquisition (docs/performance.md, "Job acquisition with a book of
 * monitored loans"). With the index it reads the due jobs only.
 *
 * <p>Created once, by the first node that starts after the engine has created its tables; {@code IF NOT EXISTS} makes
 * every later start a no-op. A failure is logged and the node starts: the index only makes acquisition cheaper. On a
 * large existing job table an operator creates it beforehand without blocking writes (README, "Running a cluster").
 */
@Component
class JobAcquisitionIndex implements InitializingBean {

  static final String NAME = "SMELOAN_IDX_JOB_DUEDATE";
  static final String CREATE = "CREATE INDEX IF NOT EXISTS " + NAME + " ON ACT_RU_JOB (DUEDATE_)";

  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

  private final DataSource dataSource;

  /** The engine is a parameter so that this runs after it has created or updated its tables. */
  JobAcquisitionIndex(DataSource dataSource, ProcessEngine engine) {
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    try {
      JdbcClient.create(dataSource).sql(CREATE).update();
    } catch (RuntimeException e) {
      if (exists()) {
        // another node starting at the same moment built it first (PostgreSQL then refuses the same name twice)
        log.info("The index {} was created by another node meanwhile", NAME);
        return;
      }
      log.warn("The index {} on ACT_RU_JOB (DUEDATE_) could not be created ({}): each job acquisition reads the whole "
          + "job table until it exists. Create it by hand: {}", NAME, e.getMessage(), CREATE);
    }
  }

  /** Whether the job table has the index, from the driver's catalog (H2 keeps names in upper case, PostgreSQL in lower). */
  boolean exists() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData catalog = connection.getMetaData();
      String table = catalog.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
      try (ResultSet indexes = catalog.getIndexInfo(null, null, table, false, false)) {
        while (indexes.next()) {
          if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      return false;
    }
  }
}
