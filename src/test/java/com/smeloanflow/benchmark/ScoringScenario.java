package com.smeloanflow.benchmark;

import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoringInput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The four-dimension model alone, in this JVM (pure Java, no database): scores per second on one
 * thread, and on one thread per core. Runs before any application is started, so it has the
 * machine to itself.
 */
final class ScoringScenario {

  record Result(int cores, long runsPerThread, double perSecondOneThread, double microsOneThread, int threads,
      double perSecondAllCores, double perSecondPerCore) implements Scenario.Result {
    @Override
    public java.util.Map<String, Double> keyFigures() {
      return java.util.Map.of("scores/s per core", perSecondPerCore);
    }

    @Override
    public List<String> markdown() {
      return List.of(
          "| threads | scores/s | per score | per core |",
          "|---|---|---|---|",
          String.format(Locale.ROOT, "| 1 | %,.0f | %.1f µs | %,.0f/s |", perSecondOneThread, microsOneThread, perSecondOneThread),
          String.format(Locale.ROOT, "| %d (one per core) | %,.0f | %.1f µs | %,.0f/s |", threads, perSecondAllCores,
              threads * 1e6 / perSecondAllCores, perSecondPerCore));
    }
  }

  private ScoringScenario() {}

  static Result measure() throws Exception {
    ScoringInput input = strongApplication();
    FourDimensionScorer scorer = new FourDimensionScorer();
    long runs = 200_000;
    for (int i = 0; i < 50_000; i++) {
      scorer.score(input); // warm-up: let the JIT compile the model
    }
    double one = scoresPerSecond(scorer, input, runs);
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      List<Callable<Double>> work = new ArrayList<>();
      for (int t = 0; t < cores; t++) {
        work.add(() -> scoresPerSecond(new FourDimensionScorer(), input, runs));
      }
      double all = 0;
      for (Future<Double> result : pool.invokeAll(work)) {
        all += result.get();
      }
      return new Result(cores, runs, Math.round(one), Math.round(1e7 / one) / 10.0, cores, Math.round(all),
          Math.round(all / cores));
    } finally {
      pool.shutdown();
    }
  }

  private static double scoresPerSecond(FourDimensionScorer scorer, ScoringInput input, long runs) {
    long start = System.nanoTime();
    int sink = 0;
    for (long i = 0; i < runs; i++) {
      sink += scorer.score(input).totalScore();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink == 42) {
      Benchmark.log("(never)");
    }
    return runs / seconds;
  }

  /** The sandbox's strong enterprise (ProcessingFixtures.strongProfile) asking 100,000 CNY on pure credit. */
  static ScoringInput strongApplication() {
    SandboxProfile p = ProcessingFixtures.strongProfile();
    return ScoringInput.builder()
        .requestedAmount(new BigDecimal("100000.00")).termMonths(12).guaranteeType("CREDIT")
        .establishedOn(p.registration().establishedOn()).asOf(LocalDate.of(2026, 11, 23))
        .declaredAnnualRevenue(new BigDecimal("6500000.00")).registrationStatus(p.registration().status())
        .industryCode(p.registration().industryCode())
        .taxRating(p.tax().rating()).taxAnnualSales(p.tax().annualSales()).taxOverdueFilings(p.tax().overdueFilings())
        .bureauCurrentOverdueAmount(p.bureau().currentOverdueAmount()).bureauMaxDpd24m(p.bureau().maxDpd24m())
        .bureauOutstandingLoans(p.bureau().outstandingLoans()).bureauEnquiriesLast3m(p.bureau().enquiriesLast3m())
        .courtOpenEnforcementCases(p.court().openEnforcementCases()).courtDishonestDebtor(p.court().dishonestDebtor())
        .monthlyInflows(p.flows().monthlyInflows()).monthlyOutflows(p.flows().monthlyOutflows())
        .utilityMonthsOfHistory(p.utilities().monthsOfHistory())
        .utilityLatePaymentsLast24m(p.utilities().latePaymentsLast24m())
        .internalDefaultCount(0).internalOpenDefaultCount(0)
        .industryOutlook(p.scenario().industryOutlook()).supplyChainRole(p.scenario().supplyChainRole())
        .build();
  }
}
