package com.smeloanflow.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
   * @param rows writes the rows into {@code table}, on the transaction's connection
   * @param statement the statement whose plan is wanted
   * @param parameters its named parameters
   * @return the lines of {@code EXPLAIN}, joined
   */
  public static String planWithRows(DataSource dataSource, Consumer<JdbcClient> rows, String table, String statement,
      Map<String, ?> parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement setup = connection.createStatement()) {
        setup.execute("SET LOCAL session_replication_role = replica");
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        rows.accept(jdbc);
        setup.execute("ANALYZE " + table);
        List<String> plan = jdbc.sql("EXPLAIN " + statement).params(parameters).query(String.class).list();
        return String.join("\n", plan);
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  /** {@link #planWithRows(DataSource, Consumer, String, String, Map)} with the rows written by one INSERT. */
  public static String planWithRows(DataSource dataSource, String rows, String table, String statement, String parameter,
      Object value) throws SQLException {
    return planWithRows(dataSource, jdbc -> jdbc.sql(rows).update(), table, statement, Map.of(parameter, value));
  }
}
