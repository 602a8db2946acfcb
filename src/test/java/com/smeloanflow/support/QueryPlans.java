package com.smeloanflow.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The plan PostgreSQL chooses for one of the application's statements once its table holds many rows. The rows are
 * written in one transaction with the foreign-key triggers off ({@code session_replication_role = replica}; the embedded
 * server's user may set it) and rolled back afterwards, so nothing stays behind.
 */
public final class QueryPlans {

  private QueryPlans() {}

  /**
   * @param rows an INSERT that fills {@code table}
   * @param statement the statement whose plan is wanted, with one named parameter
   * @return the lines of {@code EXPLAIN}, joined
   */
  public static String planWithRows(DataSource dataSource, String rows, String table, String statement, String parameter,
      Object value) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement setup = connection.createStatement()) {
        setup.execute("SET LOCAL session_replication_role = replica");
        setup.execute(rows);
        setup.execute("ANALYZE " + table);
        List<String> plan = JdbcClient.create(new SingleConnectionDataSource(connection, true))
            .sql("EXPLAIN " + statement).param(parameter, value).query(String.class).list();
        return String.join("\n", plan);
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }
}
