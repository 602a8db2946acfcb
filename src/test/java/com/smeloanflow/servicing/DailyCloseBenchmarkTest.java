package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Measures, never asserts a time: the daily close of a seeded loan book ({@link LoanBookSeeder},
 * {@code -Dbenchmark.loans=100000} by default) on the test database, one day with nothing due, the
 * due date (a share of loans falls overdue: classification, penalty, a collection case each) and the
 * day after (their cases are asked to review), and the same day's ledger pass alone. Run with
 * {@code ./mvnw -Pbenchmark test -Dtest=DailyCloseBenchmarkTest}; results go to
 * {@code target/benchmark/daily-close.md}.
 */
@Tag("benchmark")
class DailyCloseBenchmarkTest extends AbstractIntegrationTest {

  @Autowired DailyCloseService dailyClose;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired BusinessClock clock;
  @Autowired PenaltyInterest penalty;
  @Autowired InternalDefaultRepository defaults;

  @Test
  void dailyCloseOfASeededLoanBook() throws IOException {
    int loans = Integer.getInteger("benchmark.loans", 100_000);
    int unpaidEvery = 33;
    LocalDate disbursed = LocalDate.of(1800, 1, 15);
    LocalDate firstDue = disbursed.plusMonths(1);
    List<String> results = new ArrayList<>();

    long start = System.nanoTime();
    long cpu0 = cpuNanos();
    LoanBookSeeder.seed(jdbc, dataSource, "BM" + System.currentTimeMillis() % 100_000, loans, disbursed, firstDue, unpaidEvery);
    results.add(row("seeding by SQL", loans, System.nanoTime() - start, cpuNanos() - cpu0,
        "applications, loans, 12 instalments each"));

    results.add(measure(firstDue.minusDays(1), "close, nothing due (ledger pass only)", loans));
    results.add(measure(firstDue, "close of the due date: ~3 % overdue, a collection case each", loans));
    results.add(measure(firstDue.plusDays(1), "close of the next day: overdue cases asked to review", loans));
    DailyCloseService ledgerOnly = new DailyCloseService(jdbc, dataSource, transactionManager, clock, penalty, defaults,
        List.of(), 1000, Duration.ofMinutes(10), 400, "benchmark", (day, step, last) -> {});
    try {
      start = System.nanoTime();
      long cpu = cpuNanos();
      DailyCloseRun run = ledgerOnly.close(firstDue.plusDays(2));
      results.add(row("close, ledger pass alone (no collections)", run.loansClosed(), System.nanoTime() - start,
          cpuNanos() - cpu, run.overdueLoans() + " overdue, " + run.chunks() + " chunks"));
    } finally {
      ledgerOnly.destroy();
    }

    Path file = Path.of("target", "benchmark", "daily-close.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "| daily close (H2, in-memory) | loans | seconds | loans/s | CPU seconds (process) | notes |\n"
        + "|---|---|---|---|---|---|\n"
        + String.join("\n", results) + "\n", StandardCharsets.UTF_8);
    results.forEach(r -> org.slf4j.LoggerFactory.getLogger(getClass()).info("Benchmark: {}", r));
  }

  private String measure(LocalDate day, String what, int seeded) {
    long start = System.nanoTime();
    long cpu = cpuNanos();
    DailyCloseRun run = dailyClose.close(day);
    long nanos = System.nanoTime() - start;
    long cpuUsed = cpuNanos() - cpu;
    assertThat(run.completed()).isTrue();
    assertThat(run.loansClosed()).isGreaterThanOrEqualTo(seeded);
    return row(what, run.loansClosed(), nanos, cpuUsed, run.overdueLoans() + " overdue, " + run.collectionLoans()
        + " to collections, " + run.classifications() + " classification changes, " + run.chunks() + " chunks");
  }

  /**
   * Wall-clock seconds depend on what else runs on the machine; the JVM's CPU seconds tell what the
   * work itself needs (all its threads: the close, H2, garbage collection).
   */
  private static String row(String what, int loans, long nanos, long cpuNanos, String notes) {
    double seconds = nanos / 1e9;
    return String.format("| %s | %,d | %.1f | %,.0f | %.1f | %s |", what, loans, seconds, loans / seconds, cpuNanos / 1e9,
        notes);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
