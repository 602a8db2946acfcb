package com.smeloanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.processing.sandbox.SandboxEnterpriseService;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoringInput;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures, never asserts a time: scoring throughput, channel intake over HTTP with concurrent
 * clients, and straight-through AUTO processing (intake → external data → score → decisions →
 * contract) on the test database. Run with {@code ./mvnw -Pbenchmark test}; results are written to
 * {@code target/benchmark/results.md}. Excluded from the normal test run.
 */
@Tag("benchmark")
class LoanFlowBenchmarkTest extends AbstractIntegrationTest {

  private static final List<String> RESULTS = Collections.synchronizedList(new ArrayList<>());

  @Autowired SandboxEnterpriseService sandbox;
  @Autowired ScoringService scoring;

  @Test
  void scoringIsPureComputation() {
    String id = submitStrongOnlineApplication();
    executeDueJobs(processInstance(id).getId());
    ScoringInput input = scoring.findInput(id).orElseThrow();
    FourDimensionScorer scorer = new FourDimensionScorer();
    for (int i = 0; i < 20_000; i++) {
      scorer.score(input); // warm-up
    }
    int runs = 100_000;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      scorer.score(input);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RESULTS.add(String.format("| scoring (FourDimensionScorer.score) | %,d runs | %,.0f scores/s | %.1f µs/score |",
        runs, runs / seconds, seconds * 1e6 / runs));
  }

  @Test
  void channelIntakeOverHttp() throws Exception {
    int clients = 4;
    int requests = 400;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Long>> latencies = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      String json = TestApplications.mortgageAtBranchCounter().creditCode(CreditCodes.fresh()).json();
      latencies.add(pool.submit(() -> {
        long t = System.nanoTime();
        ApiClient.Response response = api.post("/api/applications", CHANNEL, json);
        assertThat(response.status()).isEqualTo(201);
        return System.nanoTime() - t;
      }));
    }
    List<Long> millis = new ArrayList<>();
    for (Future<Long> latency : latencies) {
      millis.add(latency.get() / 1_000_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Collections.sort(millis);
    RESULTS.add(String.format("| POST /api/applications, %d clients | %,d requests | %,.0f requests/s | p50 %d ms, p95 %d ms, p99 %d ms |",
        clients, requests, requests / seconds, millis.get(requests / 2), millis.get(requests * 95 / 100),
        millis.get(requests * 99 / 100)));
  }

  @Test
  void straightThroughAutoApplications() {
    int applications = 100;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < applications; i++) {
      ids.add(submitStrongOnlineApplication());
    }
    long start = System.nanoTime();
    for (String id : ids) {
      executeDueJobs(processInstance(id).getId());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (String id : ids) {
      assertThat(statusOf(id)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    }
    RESULTS.add(String.format("| AUTO route, straight through (data, score, 4 decisions, contract, mail) | %,d applications | %,.1f applications/s | %.0f ms/application |",
        applications, applications / seconds, seconds * 1000 / applications));
  }

  private String submitStrongOnlineApplication() {
    String creditCode = CreditCodes.fresh();
    sandbox.register(creditCode, ProcessingFixtures.strongProfile(), "benchmark");
    return intakeService.submit(TestApplications.onlineCreditQuick().creditCode(creditCode).requestedAmount("100000.00").build(),
        CHANNEL, null).applicationId();
  }

  @AfterAll
  static void writeResults() throws IOException {
    Path file = Path.of("target", "benchmark", "results.md");
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("# sme-loan-flow benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + System.getProperty("java.version") + ", H2 in memory, job executor off (jobs run by the benchmark thread)");
    lines.add("");
    lines.add("| what | size | throughput | latency |");
    lines.add("|---|---|---|---|");
    lines.addAll(RESULTS);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
