package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job table's due-date index ({@link JobAcquisitionIndex}): there after every start, created once, and a node
 * whose database refuses it still starts.
 */
class JobAcquisitionIndexTest extends AbstractIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void theJobTableHasItsDueDateIndexAfterTheStart() throws Exception {
    assertThat(indexesOnDueDate()).containsExactly(JobAcquisitionIndex.NAME);
  }

  @Test
  void everyLaterStartLeavesTheIndexAsItIs() throws Exception {
    new JobAcquisitionIndex(dataSource, processEngine).afterPropertiesSet();
    new JobAcquisitionIndex(dataSource, processEngine).afterPropertiesSet();

    assertThat(indexesOnDueDate()).containsExactly(JobAcquisitionIndex.NAME);
  }

  @Test
  void aDatabaseThatRefusesTheIndexDoesNotStopTheNode() {
    JdbcDataSource withoutEngineTables = new JdbcDataSource();
    withoutEngineTables.setURL("jdbc:h2:mem:no-engine-tables;DB_CLOSE_DELAY=-1");

    JobAcquisitionIndex index = new JobAcquisitionIndex(withoutEngineTables, processEngine);

    assertThatCode(index::afterPropertiesSet).doesNotThrowAnyException();
    assertThat(index.exists()).isFalse();
    assertThat(new JobAcquisitionIndex(dataSource, processEngine).exists()).isTrue();
  }

  /** The names of the indexes whose first column is the job table's due date. */
  List<String> indexesOnDueDate() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String table = metaData.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
      try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
        while (indexes.next()) {
          if ("DUEDATE_".equalsIgnoreCase(indexes.getString("COLUMN_NAME")) && indexes.getShort("ORDINAL_POSITION") == 1) {
            names.add(indexes.getString("INDEX_NAME").toUpperCase());
          }
        }
      }
    }
    return names;
  }
}
