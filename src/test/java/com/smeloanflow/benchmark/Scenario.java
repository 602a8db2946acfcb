package com.smeloanflow.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One measurement against a running application. Scenarios are listed in {@link Benchmark#SCENARIOS}
 * and run in that order on every database they apply to; a scenario whose feature does not exist
 * yet answers {@link Pending} rather than a figure.
 */
interface Scenario {

  /** Short id, as {@code -Dbenchmark.scenarios} selects it. */
  String id();

  String title();

  /** Whether it runs on this database (h2, postgres). */
  default boolean appliesTo(String database) {
    return true;
  }

  Result run(Context context) throws Exception;

  /** What a scenario found: serialised into results.json, rendered into results.md. */
  interface Result {
    List<String> markdown();

    /** The figures the summary, the targets and the comparison with the previous run use, by name. */
    default java.util.Map<String, Double> keyFigures() {
      return java.util.Map.of();
    }
  }

  /** The running application and what the scenarios share. */
  record Context(BenchmarkSettings settings, Target target, Http http, ScheduledExecutorService timer, Journey.Pace pace,
      CpuMeter cpu) {

    /**
     * Waits (up to a minute) until the engine has no due job left, then (up to {@code quietSeconds}) until the
     * application and the database use little CPU ({@code quietMillisPerSecond}), so a step starts from a quiet
     * engine and a warmer JVM: after a step the JIT compilers go on compiling what it made hot, at up to a core
     * (docs/performance.md, "Settling between steps"). Returns null when it is quiet; otherwise what was left, which
     * is logged and which the caller puts into the step's verdict: a step that starts on a busy engine measures less
     * than the application can do.
     */
    String settle() {
      long deadline = System.nanoTime() + 60_000_000_000L;
      long left = -1;
      while (System.nanoTime() < deadline) {
        Http.Reply reply = http.call("GET", "/engine-rest/job/count?executable=true", LoanJourneys.ADMIN, null);
        if (reply.ok()) {
          left = reply.json().path("count").asLong();
          if (left == 0) {
            return quiet();
          }
        }
        sleep(250);
      }
      String busy = left < 0 ? "the engine's job count did not answer for 60 s"
          : String.format(Locale.ROOT, "%,d due jobs still waiting after 60 s", left);
      Benchmark.log("  settle: %s; the next step starts on a busy engine", busy);
      sleep(500);
      return busy;
    }

    /**
     * Measures the CPU the application and the database use, in windows of 500 ms, until one stays under
     * {@code quietMillisPerSecond} or {@code quietSeconds} have passed (one window when the bound is 0); logs the last.
     */
    private String quiet() {
      int bound = settings.quietMillisPerSecond();
      long start = System.nanoTime();
      long deadline = start + settings.quietSeconds() * 1_000_000_000L;
      double rate;
      double jitRate;
      do {
        CpuMeter.Sample before = cpu.sample();
        long from = System.nanoTime();
        sleep(500);
        CpuMeter.Sample used = cpu.sample().minus(before);
        double seconds = (System.nanoTime() - from) / 1e9;
        rate = (used.application() + used.database()) / seconds;
        jitRate = used.applicationJit() / seconds;
      } while (bound > 0 && rate >= bound && System.nanoTime() < deadline);
      double waited = (System.nanoTime() - start) / 1e9;
      Benchmark.log("  settle: application and database %.0f ms/s of CPU (of it the JIT %.0f) after %.1f s", rate,
          jitRate, waited);
      if (bound > 0 && rate >= bound) {
        return String.format(Locale.ROOT, "the application and the database still used %.0f ms of CPU per second "
            + "(the JIT %.0f) after %.0f s", rate, jitRate, waited);
      }
      return null;
    }

    static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A scenario that broke off: no figure, the reason instead. */
  record Failed(String scenario, String error) implements Result {
    public String status() {
      return "failed";
    }

    @Override
    public List<String> markdown() {
      return List.of("**Failed — no figure.** " + error);
    }
  }

  /** A scenario whose feature is not built yet: no figure, and the report says so. */
  record Pending(String scenario, String reason) implements Result {
    public String status() {
      return "pending";
    }

    @Override
    public List<String> markdown() {
      return List.of("**Pending — no figure.** " + reason);
    }
  }
}
