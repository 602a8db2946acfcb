package com.smeloanflow.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster's one PostgreSQL server (io.zonky embedded PostgreSQL 14) for the kill test: a fixed
 * port and data directory, so it can be stopped and started again under load (the nodes must
 * reconnect); the application's database {@value #DATABASE}. The harness reads it with plain JDBC
 * to check the outcome, and locks tables in it to hold a node inside the core-banking posting or
 * inside a chunk of the daily close.
 */
final class ChaosDatabase implements AutoCloseable {

  static final String DATABASE = "sme_loan_flow";
  static final String USER = "postgres";

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  ChaosDatabase(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Starts the server; on the first start also creates the application's database. */
  synchronized void start() {
    boolean fresh = !dataDirectory.resolve("postgresql.conf").toFile().exists();
    try {
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setRegisterShutdownHook(false)
          // Two nodes hold up to 40 connections each (application.yaml), the harness a few.
          .setServerConfig("max_connections", "200")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
    }
    if (fresh) {
      update("postgres", "CREATE DATABASE " + DATABASE);
    }
  }

  /** Stops the server (fast shutdown: open connections are closed, their transactions rolled back). */
  synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not stop", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** Rows of a query on the application's database, each as column label → value. */
  List<Map<String, Object>> query(String sql, Object... parameters) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
            row.put(result.getMetaData().getColumnLabel(column).toLowerCase(), result.getObject(column));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  /** A single number (COUNT, SUM) from the application's database. */
  long count(String sql, Object... parameters) {
    Object value = query(sql, parameters).get(0).values().iterator().next();
    return value == null ? 0 : ((Number) value).longValue();
  }

  private void update(String database, String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  /**
   * Holds a SHARE lock on a table until closed: readers go on, every INSERT, UPDATE and DELETE of it
   * waits. Used to hold a node inside the core-banking posting ({@code sandbox_core_posting}: before
   * the money moves; {@code disbursement_posting}: after core banking posted, before the engine
   * commits) and inside a chunk of the daily close ({@code daily_close_run}: the chunk's ledger or
   * collection work done, its progress not yet written).
   */
  TableLock lockAgainstWrites(String table) {
    try {
      Connection connection = connect();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("LOCK TABLE " + table + " IN SHARE MODE");
      }
      return new TableLock(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock " + table, e);
    }
  }

  /** A node's statement waiting for a lock: the node (PostgreSQL application_name {@code sme-loan-flow/<node>}) and the SQL. */
  record Waiter(String node, String statement) {}

  /** The nodes' statements naming the table that wait for a lock. */
  List<Waiter> waitersOn(String table) {
    return query("""
        SELECT application_name, query FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND datname = ? AND application_name LIKE 'sme-loan-flow/%' AND query ILIKE ?
        """, DATABASE, "%" + table + "%").stream()
        .map(row -> {
          String name = String.valueOf(row.get("application_name"));
          return new Waiter(name.substring(name.indexOf('/') + 1), String.valueOf(row.get("query")));
        })
        .toList();
  }

  /** The nodes whose INSERT into the table waits for a lock. */
  List<String> nodesWaitingToInsertInto(String table) {
    return waitersOn(table).stream()
        .filter(waiter -> waiter.statement().toUpperCase(Locale.ROOT).contains("INSERT INTO " + table.toUpperCase(Locale.ROOT)))
        .map(Waiter::node)
        .toList();
  }

  /** A table lock held by the harness. */
  static final class TableLock implements AutoCloseable {
    private final Connection connection;

    private TableLock(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void close() {
      try (connection) {
        connection.rollback();
      } catch (SQLException e) {
        // The server was restarted meanwhile: the lock is gone with the connection.
      }
    }
  }
}
