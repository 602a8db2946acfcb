package com.smeloanflow.platform;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

/**
 * A database sequence that every node sharing the database draws from, on H2 (embedded, tests)
 * and PostgreSQL (production) alike. Readable business numbers (loan ids, posting references) are
 * built from it, so two nodes never hand out the same number.
 */
public final class DatabaseSequences {

  private DatabaseSequences() {}

  /** The named sequence (created by a Flyway migration) of the database behind {@code dataSource}. */
  public static DataFieldMaxValueIncrementer of(DataSource dataSource, String sequenceName) {
    try {
      String database = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
      return database.toLowerCase().contains("postgres")
          ? new PostgresSequenceMaxValueIncrementer(dataSource, sequenceName)
          : new H2SequenceMaxValueIncrementer(dataSource, sequenceName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database holds sequence " + sequenceName, e);
    }
  }
}
