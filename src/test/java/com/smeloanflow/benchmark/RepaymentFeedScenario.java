package com.smeloanflow.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The repayment feed: core banking reports repayments ({@code POST /api/loans/{loanId}/repayments} as
 * {@code core-banking}, a new transaction id each: the feed's idempotency key) at stepped rates
 * ({@link RateSearch}, open model). Each repayment pays the first instalment (8,633.33 CNY on its due
 * date) of a loan of its own, from a book seeded by SQL ({@link com.smeloanflow.servicing.LoanBookSeeder},
 * {@code benchmark.repayments.loans}, nothing paid yet), so repayments do not queue on one loan's lock.
 */
final class RepaymentFeedScenario implements Scenario {

  static final String REPORTED = "repayment reported (201)";
  static final List<String> MILESTONES = List.of(REPORTED);
  /** The seeder's first instalment: 8,333.33 principal + 300.00 interest. */
  static final String FIRST_INSTALMENT = "8633.33";

  record Result(int seededLoans, DailyCloseScenario.Seeding seeding, RateSearch.Result feed) implements Scenario.Result {
    @Override
    public Map<String, Double> keyFigures() {
      return Map.of("repayment feed repayments/s", feed.sustainedPerSecond());
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- **Repayment feed sustained: %.1f repayments/s** (`POST /api/loans/{loanId}/repayments` as "
          + "`core-banking`, a loan of its own each, from %,d loans seeded by SQL in %s; the search %s)",
          feed.sustainedPerSecond(), seededLoans, seeding.brief(), feed.resolution()));
      md.add("");
      md.addAll(Report.stepsTable(feed, MILESTONES));
      return md;
    }
  }

  @Override
  public String id() {
    return "repayment-feed";
  }

  @Override
  public String title() {
    return "Repayment feed from core banking (POST /api/loans/{id}/repayments)";
  }

  /** PostgreSQL only, as {@link DailyCloseScenario}: the loans are seeded over JDBC. */
  @Override
  public boolean appliesTo(String database) {
    return database.equals("postgres");
  }

  @Override
  public Result run(Context context) throws Exception {
    Target.Database database = context.target().database;
    int loans = context.settings().repaymentLoans();
    // Disbursed two years before the business clock's today (any loan-id prefix fresh), so every value date is past.
    LocalDate disbursed = LocalDate.now().minusYears(2).withDayOfMonth(15);
    String prefix = "RF" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
    DailyCloseScenario.Seeding seeding = DailyCloseScenario.seed(database, context.cpu(), prefix, loans, disbursed,
        disbursed.minusDays(1), 1);
    Databases.resetStatementCosts(database);
    Benchmark.log("%s: seeded %,d loans for the repayment feed in %s", database.name(), loans, seeding.brief());
    String body = "{\"transactionId\":\"%s\",\"amount\":" + FIRST_INSTALMENT + ",\"valueDate\":\"" + disbursed.plusMonths(1)
        + "\"}";
    AtomicInteger next = new AtomicInteger();
    BenchmarkSettings settings = context.settings();
    // A repayment is cheaper than an application: start the search higher (it kept up with 160/s in every run so
    // far), one bisection (no target rests on this rate).
    BenchmarkSettings faster = settings.withSearch(Math.max(5, settings.stepSeconds() / 2),
        Math.max(5, settings.halfRateSeconds() / 2), settings.startRate() * 16, settings.maxRate() * 4, 1);
    RateSearch search = new RateSearch(new OpenModel(context.http(), context.cpu(), context.settings().latencyBoundSeconds()), faster, context::settle);
    RateSearch.Result feed = search.search("repayment", (rate, count) -> {
      if (next.get() + count > loans) {
        throw new IllegalStateException("Only " + loans + " seeded loans: raise -Dbenchmark.repayments.loans");
      }
      return i -> {
        int loan = next.incrementAndGet();
        return new Journey(context.http(), context.timer(), context.pace()) {
          @Override
          protected CompletableFuture<?> run() {
            return http.post("/api/loans/" + String.format(Locale.ROOT, "%sL%08d", prefix, loan) + "/repayments",
                    "core-banking", String.format(Locale.ROOT, body, prefix + "T" + loan))
                .thenApply(r -> {
                  Journey.expect(r, 201, "POST /api/loans/{id}/repayments");
                  mark(REPORTED);
                  return r;
                });
          }

          @Override
          String endMilestone() {
            return REPORTED;
          }
        };
      };
    }, MILESTONES, 15);
    return new Result(loans, seeding, feed);
  }
}
