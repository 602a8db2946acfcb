package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job table's own indexes ({@link JobTableIndexes}): there after every start, created once, and a node whose
 * database refuses them still starts. On H2 (the demo's database) only the due-date index: H2 has no partial indexes.
 */
class JobTableIndexesTest extends AbstractIntegrationTest {

  @Autowired DataSource dataSource;

  /** The indexes this database gets. */
  List<JobTableIndexes.JobTableIndex> expected() {
    return List.of(JobTableIndexes.DUE_DATE);
  }

  @Test
  void theJobTableHasItsIndexesAfterTheStart() throws Exception {
    assertThat(indexesOnDueDate()).containsExactly(JobTableIndexes.DUE_DATE.name());
    assertThat(applicationsIndexes()).containsExactlyInAnyOrderElementsOf(
        expected().stream().map(JobTableIndexes.JobTableIndex::name).toList());
  }

  @Test
  void everyLaterStartLeavesTheIndexesAsTheyAre() throws Exception {
    Set<String> before = applicationsIndexes();

    new JobTableIndexes(dataSource, processEngine).afterPropertiesSet();
    new JobTableIndexes(dataSource, processEngine).afterPropertiesSet();

    assertThat(applicationsIndexes()).isEqualTo(before);
    assertThat(indexesOnDueDate()).containsExactly(JobTableIndexes.DUE_DATE.name());
  }

  @Test
  void aDatabaseThatRefusesTheIndexesDoesNotStopTheNode() {
    JdbcDataSource withoutEngineTables = new JdbcDataSource();
    withoutEngineTables.setURL("jdbc:h2:mem:no-engine-tables;DB_CLOSE_DELAY=-1");

    JobTableIndexes indexes = new JobTableIndexes(withoutEngineTables, processEngine);

    assertThatCode(indexes::afterPropertiesSet).doesNotThrowAnyException();
    assertThat(indexes.exists(JobTableIndexes.DUE_DATE)).isFalse();
    assertThat(new JobTableIndexes(dataSource, processEngine).exists(JobTableIndexes.DUE_DATE)).isTrue();
  }

  /** The names of the indexes whose first column is the job table's due date. */
  List<String> indexesOnDueDate() throws Exception {
    return jobTableIndexes(true).stream().toList();
  }

  /** The names of the job table's indexes that the application added (Camunda's own start with ACT_). */
  Set<String> applicationsIndexes() throws Exception {
    return jobTableIndexes(false);
  }

  private Set<String> jobTableIndexes(boolean onDueDateOnly) throws Exception {
    Set<String> names = new TreeSet<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String table = metaData.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
      try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
        while (indexes.next()) {
          String name = indexes.getString("INDEX_NAME");
          boolean onDueDate = "DUEDATE_".equalsIgnoreCase(indexes.getString("COLUMN_NAME"))
              && indexes.getShort("ORDINAL_POSITION") == 1;
          if (name != null && (onDueDateOnly ? onDueDate : name.toUpperCase().startsWith("SMELOAN_"))) {
            names.add(name.toUpperCase());
          }
        }
      }
    }
    return names;
  }
}
