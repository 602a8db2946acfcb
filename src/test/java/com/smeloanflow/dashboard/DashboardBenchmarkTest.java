package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

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
 * campaign, half of those drawn on): the whole bank and one branch, each asked five times after a warm-up; the median is reported.
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
    LoanBookSeeder.seed(jdbc, dataSource, prefix, loans, disbursed, disbursed.plusMonths(1), 33);
    DashboardBookExtras.seed(dataSource, prefix, loans, LocalDate.now());
    DashboardQuery lastTwelveMonths = DashboardQuery.of(null, null, null, LocalDate.now());

    List<String> rows = new ArrayList<>();
    rows.add(measure("the whole bank, last twelve months", () -> dashboard.figures(lastTwelveMonths, Optional.empty()), loans));
    rows.add(measure("one branch (ZY001), last twelve months",
        () -> dashboard.figures(lastTwelveMonths, Optional.of(Set.of("ZY001"))), loans));

    Path file = Path.of("target", "benchmark", "dashboard.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "| dashboard request (H2, in-memory) | loans in the book | median ms of 5 | min ms | max ms |\n"
        + "|---|---|---|---|---|\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    rows.forEach(r -> org.slf4j.LoggerFactory.getLogger(getClass()).info("Benchmark: {}", r));
  }

  private static String measure(String what, java.util.function.Supplier<DashboardFigures> request, int loans) {
    assertThat(request.get().portfolio().loans()).as("the seeded book is counted").isPositive();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      request.get();
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    List<Long> sorted = millis.stream().sorted().toList();
    return String.format("| %s | %,d | %d | %d | %d |", what, loans, sorted.get(2), sorted.get(0), sorted.get(4));
  }
}
