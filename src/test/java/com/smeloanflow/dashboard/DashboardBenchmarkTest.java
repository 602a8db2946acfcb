package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.dashboard.DashboardFigures.MonthlyWriteOff;
import com.smeloanflow.servicing.LoanBookSeeder;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures (never asserts a time) what one dashboard request costs over a loan book seeded by SQL
 * ({@link LoanBookSeeder}: applications submitted today, loans with 12 instalments, a share unpaid; with
 * {@link DashboardBookExtras}: a tenth of the loans renewed, a tenth of the applications revolving lines of a whitelist
 * campaign, half of those drawn on, the repayments of the paid instalments, 2.4 % of the loans written off over three
 * years, recoveries on half of those, some reversed): the whole bank and one branch, each asked five times after a
 * warm-up, and the write-offs and recoveries per month (核销与核销后收回) alone; the median is reported. Those figures
 * must be what was seeded, besides what the database held before.
 * {@code ./mvnw -Pbenchmark test -DskipTests=false -Dtest=DashboardBenchmarkTest -Dbenchmark.loans=20000} writes
 * target/benchmark/dashboard.md.
 */
@Tag("benchmark")
class DashboardBenchmarkTest extends AbstractIntegrationTest {

  @Autowired DashboardService dashboard;
  @Autowired DataSource dataSource;

  @Test
  void dashboardFiguresOverASeededLoanBook() throws IOException {
    int loans = Integer.getInteger("benchmark.loans", 20_000);
    LocalDate disbursed = LocalDate.of(1790, 1, 15);
    String prefix = "DB" + System.currentTimeMillis() % 100_000;
    int unpaidEvery = 33;
    LocalDate today = LocalDate.now();
    DashboardQuery lastTwelveMonths = DashboardQuery.of(null, null, null, today);
    Optional<Set<String>> wholeBank = Optional.empty();
    Optional<Set<String>> zy001 = Optional.of(Set.of("ZY001"));
    List<MonthlyWriteOff> bankBefore = dashboard.writeOffs(lastTwelveMonths, wholeBank);
    List<MonthlyWriteOff> branchBefore = dashboard.writeOffs(lastTwelveMonths, zy001);
    LoanBookSeeder.seed(jdbc, dataSource, prefix, loans, disbursed, disbursed.plusMonths(1), unpaidEvery);
    DashboardBookExtras.WriteOffs seeded = DashboardBookExtras.seed(dataSource, prefix, loans, unpaidEvery, today);

    String database = databaseName();
    List<String> rows = new ArrayList<>();
    // H2 hands a statement run again with the same parameters the result it computed the last time, as long as no table
    // changed since (OPTIMIZE_REUSE_RESULTS): between the benchmark's requests nothing changes, so the statements of a
    // repeated request with fixed parameters (the book, the write-offs) were not run at all. A bank's database, written
    // all the time, hardly ever reuses a result, so the requests are measured without it.
    boolean h2 = database.startsWith("H2");
    if (h2) {
      jdbc.sql("SET OPTIMIZE_REUSE_RESULTS FALSE").update();
    }
    try {
      rows.add(measure("the whole bank, last twelve months", () -> dashboard.figures(lastTwelveMonths, wholeBank), loans));
      rows.add(measure("one branch (ZY001), last twelve months", () -> dashboard.figures(lastTwelveMonths, zy001), loans));
      rows.add(measure("of it 核销与核销后收回 alone, the whole bank", () -> dashboard.writeOffs(lastTwelveMonths, wholeBank), loans));
      rows.add(measure("of it 核销与核销后收回 alone, ZY001", () -> dashboard.writeOffs(lastTwelveMonths, zy001), loans));
    } finally {
      if (h2) {
        jdbc.sql("SET OPTIMIZE_REUSE_RESULTS TRUE").update();
      }
    }
    assertThat(dashboard.figures(lastTwelveMonths, wholeBank).portfolio().loans()).as("the seeded book is counted").isPositive();
    List<MonthlyWriteOff> seededMonths = seeded.byMonth(lastTwelveMonths, wholeBank);
    long inPeriod = seededMonths.stream().mapToLong(MonthlyWriteOff::writtenOff).sum();
    assertThat(inPeriod).as("seeded write-offs in the period, and before it").isPositive().isLessThan(seeded.writtenOff().size());
    assertThat(seededMonths.stream().mapToLong(MonthlyWriteOff::recoveries).sum()).as("seeded recoveries in the period").isPositive();
    assertThat(dashboard.figures(lastTwelveMonths, wholeBank).writeOffs()).as("the whole bank's write-offs and recoveries")
        .isEqualTo(plus(bankBefore, seededMonths));
    assertThat(dashboard.figures(lastTwelveMonths, zy001).writeOffs()).as("ZY001's write-offs and recoveries")
        .isEqualTo(plus(branchBefore, seeded.byMonth(lastTwelveMonths, zy001)));

    Path file = Path.of("target", "benchmark", "dashboard.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "| dashboard request (" + database + ") | loans in the book | median ms of 5 | min ms | max ms |\n"
        + "|---|---|---|---|---|\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    rows.forEach(r -> org.slf4j.LoggerFactory.getLogger(getClass()).info("Benchmark: {}", r));
  }

  private String databaseName() {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Month by month, what the dashboard showed before the book was seeded plus what was seeded. */
  private static List<MonthlyWriteOff> plus(List<MonthlyWriteOff> before, List<MonthlyWriteOff> seeded) {
    assertThat(seeded).extracting(MonthlyWriteOff::month).isEqualTo(before.stream().map(MonthlyWriteOff::month).toList());
    List<MonthlyWriteOff> months = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      MonthlyWriteOff a = before.get(i);
      MonthlyWriteOff b = seeded.get(i);
      months.add(new MonthlyWriteOff(a.month(), a.writtenOff() + b.writtenOff(), a.writtenOffPrincipal().add(b.writtenOffPrincipal()),
          a.writtenOffClaim().add(b.writtenOffClaim()), a.recoveries() + b.recoveries(), a.recovered().add(b.recovered()),
          a.recoveredPrincipal().add(b.recoveredPrincipal())));
    }
    return months;
  }

  /** Five calls after a warm-up: the median, the fastest and the slowest. */
  private static String measure(String what, java.util.function.Supplier<?> request, int loans) {
    request.get();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      request.get();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    List<Double> sorted = millis.stream().sorted().toList();
    return String.format(java.util.Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f |", what, loans, sorted.get(2), sorted.get(0),
        sorted.get(4));
  }
}
