package com.smeloanflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.servicing.LoanBookSeeder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The daily close (日终批处理) of a seeded loan book, run by the application as an operator runs it:
 * {@link LoanBookSeeder} writes {@code benchmark.dailyClose.loans} loan accounts (12 instalments
 * each, all disbursed on one day of 1800, so no other scenario's loan is due) straight into the
 * running application's database, then {@code POST /api/sandbox/daily-close?businessDate=} as
 * {@code admin} closes two business dates: the day before the first due date (nothing due) and the
 * first due date (every {@code benchmark.dailyClose.unpaidEvery}-th loan has not paid: its instalment
 * falls overdue, penalty interest, days past due, classification floor, a collection case and its
 * process each). Seconds and loans/s come from the run rows the close answers
 * ({@code started_at}/{@code finished_at}); the HTTP call's wall time and the CPU time of the
 * application and of the database are beside them.
 */
final class DailyCloseScenario implements Scenario {

  static final String TARGET_FIGURE = "daily close of 1,000,000 loans (s)";
  /** Connections seeding a book at once, each a disjoint range of its loans. */
  static final int SEED_CONNECTIONS = 2;

  /**
   * One closed business date, as the close reported it; with the collection cases it opened, when the last of
   * their processes had started ({@link ProcessStarts}).
   */
  record Day(String what, LocalDate businessDate, int loansClosed, int chunks, int overdue, int classifications,
      int collectionLoans, String penaltyAccrued, double runSeconds, Double ledgerSeconds, double wallSeconds,
      double applicationCpuSeconds, double databaseCpuSeconds, ProcessStarts starts) {

    double loansPerSecond() {
      return runSeconds > 0 ? loansClosed / runSeconds : 0;
    }
  }

  record Result(String database, int loans, int unpaidEvery, Seeding seeding, List<Day> days, String loadAverage)
      implements Scenario.Result {

    @Override
    public Map<String, Double> keyFigures() {
      Map<String, Double> figures = new LinkedHashMap<>();
      double slowest = 0;
      for (Day day : days) {
        figures.put("daily close, " + day.what() + " (s)", round(day.runSeconds()));
        figures.put("daily close, " + day.what() + " (loans/s)", (double) Math.round(day.loansPerSecond()));
        if (day.ledgerSeconds() != null) {
          figures.put("daily close, " + day.what() + ", ledger step (s)", day.ledgerSeconds());
        }
        if (day.starts().casesOpened() > 0 && day.starts().allStartedSeconds() != null) {
          figures.put("daily close, " + day.what() + ", until every case's process started (s)",
              day.starts().allStartedSeconds());
        }
        slowest = Math.max(slowest, day.runSeconds());
      }
      if (loans == 1_000_000 && !days.isEmpty()) {
        figures.put(TARGET_FIGURE, round(slowest));
      }
      return figures;
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- Loan book: **%,d loan accounts** with 12 instalments each (%,d instalments), "
          + "seeded by SQL (`LoanBookSeeder`) into the application's %s database in %s; every %d-th loan does not pay "
          + "its first instalment. Load average before the closes: %s.", loans, 12L * loans, database, seeding.brief(),
          unpaidEvery, loadAverage));
      md.add("- Closed through the application (`POST /api/sandbox/daily-close?businessDate=` as `admin`); seconds and "
          + "loans/s from the run row (`started_at` → `finished_at`), the HTTP call's wall time and CPU beside them. The "
          + "ledger step's seconds: from the start until the run row's step became COLLECTIONS (read every 100 ms); the "
          + "rest is the hand-over of the overdue loans to collections (a case each, or a review message to an open "
          + "case). The collection processes of the cases may start after the close: *until started* is the time "
          + "from the close's request until every case it opened had its process (`collection_case.process_instance_id`, "
          + "read every 100 ms after the close answered), with the CPU used after the close until then.");
      md.add("");
      md.add("| business date | loans closed | seconds (run) | loans/s | of it ledger step s | wall s (HTTP) | CPU s app + db "
          + "| chunks | overdue | classification changes | to collections | penalty CNY | cases opened | until started s "
          + "| CPU s after the close app + db |");
      md.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
      for (Day day : days) {
        md.add(String.format(Locale.ROOT, "| %s (%s) | %,d | %.1f | %,.0f | %s | %.1f | %.1f + %.1f | %,d | %,d | %,d | %,d | %s "
                + "| %,d | %s | %.1f + %.1f |",
            day.what(), day.businessDate(), day.loansClosed(), day.runSeconds(), day.loansPerSecond(),
            day.ledgerSeconds() == null ? "–" : String.format(Locale.ROOT, "%.1f", day.ledgerSeconds()), day.wallSeconds(),
            day.applicationCpuSeconds(), day.databaseCpuSeconds(), day.chunks(), day.overdue(), day.classifications(),
            day.collectionLoans(), day.penaltyAccrued(), day.starts().casesOpened(),
            day.starts().casesOpened() == 0 || day.starts().allStartedSeconds() == null ? "–" : String.format(Locale.ROOT, "%.1f", day.starts().allStartedSeconds()),
            day.starts().applicationCpuSeconds(), day.starts().databaseCpuSeconds()));
      }
      return md;
    }
  }

  @Override
  public String id() {
    return "daily-close";
  }

  @Override
  public String title() {
    return "Daily close of a seeded loan book (through the application)";
  }

  /**
   * PostgreSQL only: the benchmark seeds the book over JDBC while the application runs, and the demo
   * profile's H2 file database is open in the application's process alone.
   */
  @Override
  public boolean appliesTo(String database) {
    return database.equals("postgres");
  }

  @Override
  public Result run(Context context) throws Exception {
    Target.Database database = context.target().database;
    int loans = context.settings().dailyCloseLoans();
    int unpaidEvery = context.settings().dailyCloseUnpaidEvery();
    LocalDate disbursed = firstFreeDisbursementDate(database);
    String prefix = "BC" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
    Seeding seeding = seed(database, context.cpu(), prefix, loans, disbursed, disbursed.plusMonths(1), unpaidEvery);
    Benchmark.log("%s: seeded %,d loans in %s", database.name(), loans, seeding.brief());
    Databases.resetStatementCosts(database);
    String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    LocalDate firstDue = disbursed.plusMonths(1);
    List<Day> days = new ArrayList<>();
    days.add(close(context, "nothing due", firstDue.minusDays(1)));
    days.add(close(context, "due date", firstDue));
    return new Result(database.name(), loans, unpaidEvery, seeding, days, load);
  }

  /** How long seeding a book took, and the CPU it cost the application and the database (almost all of it). */
  record Seeding(double seconds, int connections, int indexesRebuilt, double insertSeconds, double vacuumSeconds,
      double applicationCpuSeconds, double databaseCpuSeconds) {

    String brief() {
      return String.format(Locale.ROOT, "%.1f s (inserts over %d connections and %d indexes created again %.1f s, vacuum "
          + "%.1f s; CPU %.1f s database, %.1f s application)", seconds, connections, indexesRebuilt, insertSeconds,
          vacuumSeconds, databaseCpuSeconds, applicationCpuSeconds);
    }
  }

  /**
   * Seeds a loan book ({@link LoanBookSeeder}) into the running application's PostgreSQL database over
   * JDBC, then vacuums and analyses it as autovacuum would have by the next close. The application is idle
   * meanwhile and PostgreSQL runs a statement on one core: the book's loan numbers are split into
   * {@link #SEED_CONNECTIONS} disjoint ranges seeded over as many connections at once, the indexes that back
   * no constraint are created after the inserts instead of kept up to date (only when the book seeded is at least as
   * large as what the tables hold already: a small book added to a large one, the repayment feed's 40,000 loans after
   * the close's 1,000,000, is cheaper to index as it goes than to index the whole table again), and the three tables
   * are vacuumed at once.
   */
  static Seeding seed(Target.Database database, CpuMeter cpu, String prefix, int loans, LocalDate disbursed,
      LocalDate paidThrough, int unpaidEvery) throws Exception {
    if (database.jdbcUrl() == null) {
      throw new IllegalStateException("No JDBC URL for " + database.name() + ": no loans can be seeded");
    }
    CpuMeter.Sample before = cpu.sample();
    long start = System.nanoTime();
    int parts = Math.max(1, Math.min(SEED_CONNECTIONS, loans));
    List<String> indexes = loans >= loansHeld(database) ? dropIndexesWithoutConstraint(database) : List.of();
    try {
      List<Callable<Void>> ranges = new ArrayList<>();
      for (int part = 0; part < parts; part++) {
        int first = 1 + (int) ((long) loans * part / parts);
        int last = (int) ((long) loans * (part + 1) / parts);
        ranges.add(() -> onOwnConnection(database, dataSource -> {
          withoutForeignKeyChecks(dataSource);
          LoanBookSeeder.seed(JdbcClient.create(dataSource), dataSource, prefix, first, last, disbursed, paidThrough, unpaidEvery);
        }));
      }
      inParallel(ranges);
    } finally {
      createIndexes(database, indexes);
    }
    long inserted = System.nanoTime();
    // What a bank's book would be after autovacuum: statistics and visibility map up to date.
    List<Callable<Void>> vacuums = new ArrayList<>();
    for (String table : List.of("repayment_instalment", "loan_account", "loan_application")) {
      vacuums.add(() -> onOwnConnection(database, dataSource -> JdbcClient.create(dataSource).sql("VACUUM (ANALYZE) " + table).update()));
    }
    inParallel(vacuums);
    long end = System.nanoTime();
    CpuMeter.Sample used = cpu.sample().minus(before);
    return new Seeding(round((end - start) / 1e9), parts, indexes.size(),
        round((inserted - start) / 1e9), round((end - inserted) / 1e9),
        round(used.application() / 1000), round(used.database() / 1000));
  }

  private static long loansHeld(Target.Database database) throws Exception {
    long[] held = new long[1];
    onOwnConnection(database, dataSource -> held[0] = JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM loan_account")
        .query(Long.class).single());
    return held[0];
  }

  /**
   * Drops the seeded tables' indexes that back no constraint (primary keys and unique constraints stay) and
   * answers their definitions ({@code pg_get_indexdef}, the exact {@code CREATE INDEX} statements): building
   * them once after the inserts cost a quarter less than keeping them up to date row by row (300,000 loans:
   * 45.7 s and 51.9 s database CPU against 61.1 s and 70.9 s). {@link #createIndexes} puts them back, so the
   * close sees the schema the application created.
   */
  private static List<String> dropIndexesWithoutConstraint(Target.Database database) {
    List<String> definitions = new ArrayList<>();
    onOwnConnection(database, dataSource -> {
      JdbcClient jdbc = JdbcClient.create(dataSource);
      for (Map<String, Object> index : jdbc.sql("SELECT CAST(CAST(i.indexrelid AS regclass) AS text) AS name, "
          + "pg_get_indexdef(i.indexrelid) "
          + "AS definition FROM pg_index i WHERE i.indrelid IN (CAST('repayment_instalment' AS regclass), "
          + "CAST('loan_account' AS regclass), CAST('loan_application' AS regclass)) "
          + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1").query().listOfRows()) {
        jdbc.sql("DROP INDEX " + index.get("name")).update();
        definitions.add((String) index.get("definition"));
      }
    });
    return definitions;
  }

  /** Creates the indexes, each over its own connection, all at once; the seeding session's sort memory is larger. */
  private static void createIndexes(Target.Database database, List<String> definitions) throws Exception {
    List<Callable<Void>> builds = new ArrayList<>();
    for (String definition : definitions) {
      builds.add(() -> onOwnConnection(database, dataSource -> {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("SET maintenance_work_mem = '256MB'").update();
        jdbc.sql(definition).update();
      }));
    }
    if (!builds.isEmpty()) {
      inParallel(builds);
    }
  }

  private static Void onOwnConnection(Target.Database database, java.util.function.Consumer<SingleConnectionDataSource> work) {
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.user(),
        database.password(), true);
    try {
      work.accept(dataSource);
      return null;
    } finally {
      dataSource.destroy();
    }
  }

  /** Runs the tasks each on a thread of its own and waits for all; the first failure is thrown. */
  private static void inParallel(List<Callable<Void>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size(), Http.daemon("seed"));
    try {
      for (Future<Void> done : threads.invokeAll(tasks)) {
        try {
          done.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static Day close(Context context, String what, LocalDate day) throws Exception {
    CpuMeter.Sample before = context.cpu().sample();
    long start = System.nanoTime();
    java.util.concurrent.CompletableFuture<Long> ledgerDone = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> nanosUntilLedgerStepDone(context.target().database, day));
    Http.Reply reply = context.http().call("POST", "/api/sandbox/daily-close?businessDate=" + day, LoanJourneys.ADMIN, null,
        Duration.ofMinutes(30));
    double wall = (System.nanoTime() - start) / 1e9;
    Long ledgerAt = ledgerDone.get(30, java.util.concurrent.TimeUnit.SECONDS);
    CpuMeter.Sample closed = context.cpu().sample();
    CpuMeter.Sample used = closed.minus(before);
    ProcessStarts starts = ProcessStarts.awaitAll(context, day, start, closed);
    if (!reply.ok()) {
      throw new IllegalStateException("Daily close of " + day + " answered " + reply);
    }
    JsonNode run = null;
    for (JsonNode candidate : reply.json()) {
      if (candidate.path("businessDate").asText().equals(day.toString())) {
        run = candidate;
      }
    }
    if (run == null || !"COMPLETED".equals(run.path("status").asText())) {
      throw new IllegalStateException("Daily close of " + day + " did not complete: " + reply);
    }
    double seconds = Duration.between(Instant.parse(run.path("startedAt").asText()),
        Instant.parse(run.path("finishedAt").asText())).toMillis() / 1000.0;
    Day result = new Day(what, day, run.path("loansClosed").asInt(), run.path("chunks").asInt(),
        run.path("overdueLoans").asInt(), run.path("classifications").asInt(), run.path("collectionLoans").asInt(),
        run.path("penaltyAccrued").asText(), seconds,
        ledgerAt == null ? null : Math.round((ledgerAt - start) / 1e8) / 10.0, Math.round(wall * 10) / 10.0,
        Math.round(used.application() / 100) / 10.0, Math.round(used.database() / 100) / 10.0, starts);
    Benchmark.log("daily close of %s (%s): %,d loans in %.1f s (%,.0f loans/s), wall %.1f s; %,d cases opened, every "
        + "process started after %s s", day, what, result.loansClosed(), seconds, result.loansPerSecond(), wall,
        starts.casesOpened(), starts.allStartedSeconds());
    return result;
  }

  /**
   * The collection cases a close opened and their processes: {@code allStartedSeconds} from the close's request
   * until the last case had its process (null when not seen within 30 minutes), and the CPU used from the
   * close's answer until then (the starts that run after the close).
   */
  record ProcessStarts(int casesOpened, Double allStartedSeconds, double applicationCpuSeconds,
      double databaseCpuSeconds) {

    static ProcessStarts awaitAll(Context context, LocalDate day, long closeStartedNanos, CpuMeter.Sample closed)
        throws SQLException, InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      try (Connection connection = Databases.connect(context.target().database);
          java.sql.PreparedStatement query = connection.prepareStatement(
              "SELECT COUNT(*), COUNT(*) - COUNT(process_instance_id) FROM collection_case WHERE opened_on = ?")) {
        query.setObject(1, day);
        while (true) {
          try (java.sql.ResultSet rs = query.executeQuery()) {
            rs.next();
            int opened = rs.getInt(1);
            boolean done = rs.getInt(2) == 0;
            if (done || System.nanoTime() > deadline) {
              long at = System.nanoTime();
              CpuMeter.Sample used = context.cpu().sample().minus(closed);
              return new ProcessStarts(opened, done ? Math.round((at - closeStartedNanos) / 1e8) / 10.0 : null,
                  Math.round(used.application() / 100) / 10.0, Math.round(used.database() / 100) / 10.0);
            }
          }
          Thread.sleep(100);
        }
      }
    }
  }

  /**
   * When the date's run row left the ledger step (System.nanoTime), polled every 100 ms over JDBC; null when it
   * was not seen (the close failed, or took longer than 30 minutes).
   */
  private static Long nanosUntilLedgerStepDone(Target.Database database, LocalDate day) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    try (Connection connection = Databases.connect(database);
        java.sql.PreparedStatement query = connection.prepareStatement(
            "SELECT step FROM daily_close_run WHERE business_date = ?")) {
      query.setObject(1, day);
      while (System.nanoTime() < deadline) {
        try (java.sql.ResultSet rs = query.executeQuery()) {
          if (rs.next() && !"LEDGER".equals(rs.getString(1))) {
            return System.nanoTime();
          }
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      Benchmark.log("Cannot follow the daily close's steps: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /**
   * The seeded book's disbursement date: in 1800 on a fresh database, else a year before the earliest
   * date ever closed there, so that closing its dates catches up nothing and no other loan is due.
   */
  private static LocalDate firstFreeDisbursementDate(Target.Database database) throws SQLException {
    LocalDate earliest;
    try (Connection connection = Databases.connect(database); Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery("SELECT MIN(business_date) FROM daily_close_run")) {
      rs.next();
      earliest = rs.getObject(1, LocalDate.class);
    }
    LocalDate base = LocalDate.of(1800, 1, 15);
    return earliest == null || earliest.isAfter(base.plusYears(1)) ? base : earliest.minusYears(1).withDayOfMonth(15);
  }

  /**
   * The seeder's rows reference each other correctly by construction; on PostgreSQL a superuser may
   * skip the per-row foreign-key triggers of the seeding session (a server given by URL without the right keeps them).
   */
  private static void withoutForeignKeyChecks(SingleConnectionDataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");
    } catch (SQLException notSuperuser) {
      Benchmark.log("Seeding with foreign-key checks: %s", notSuperuser.getMessage());
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
