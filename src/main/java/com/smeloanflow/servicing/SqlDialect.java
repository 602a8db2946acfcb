package com.smeloanflow.servicing;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** The little SQL that differs between H2 (embedded, tests) and PostgreSQL (production): date arithmetic. */
enum SqlDialect {
  H2 {
    @Override
    String daysBetween(String from, String to) {
      return "DATEDIFF(DAY, " + from + ", " + to + ")";
    }

    @Override
    String plusDays(String date, int days) {
      return "DATEADD(DAY, " + days + ", " + date + ")";
    }
  },
  POSTGRESQL {
    @Override
    String daysBetween(String from, String to) {
      return "(" + to + " - " + from + ")";
    }

    @Override
    String plusDays(String date, int days) {
      return "(" + date + " + " + days + ")";
    }
  };

  /** SQL for the whole days from {@code from} to {@code to} (two DATE expressions). */
  abstract String daysBetween(String from, String to);

  /** SQL for the date {@code days} whole days after {@code date} (a DATE expression), a DATE. */
  abstract String plusDays(String date, int days);

  static SqlDialect of(DataSource dataSource) {
    try {
      String database = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
      return database.toLowerCase().contains("postgres") ? POSTGRESQL : H2;
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell the database of the ledger", e);
    }
  }
}
