package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Offers journeys at a constant arrival rate for a fixed time, whatever the application answers
 * (an open model: a slow answer delays no later arrival, so queueing shows in the latencies), then
 * waits for the journeys to finish.
 */
final class OpenModel {

  /**
   * CPU milliseconds per completed journey (everything the parties used during the step, divided by
   * the journeys completed), what the machine's cores could complete per second at that cost if they
   * did nothing else, and the raw totals over the measured interval (for {@link RateSearch.Result#marginalCpu()}).
   */
  record Cpu(double applicationMillis, double databaseMillis, double generatorMillis, double capacityPerSecond,
      double intervalSeconds, double totalMillis, int completed, double jitMillis) {
    static Cpu of(CpuMeter.Sample used, int completed, double intervalSeconds) {
      if (completed == 0) {
        return null;
      }
      double app = used.application() / completed;
      double db = used.database() / completed;
      double generator = used.generator() / completed;
      return new Cpu(round(app), round(db), round(generator),
          round(Runtime.getRuntime().availableProcessors() * 1000.0 / (app + db + generator)), round(intervalSeconds),
          round(used.application() + used.database() + used.generator()), completed,
          round(used.applicationJit() / completed));
    }

    /** CPU ms per journey of all parties without the application's JIT compilers: what a warm JVM would spend. */
    @com.fasterxml.jackson.annotation.JsonProperty
    double withoutJitMillis() {
      return round(applicationMillis - jitMillis + databaseMillis + generatorMillis);
    }

    static double round(double value) {
      return Math.round(value * 10) / 10.0;
    }
  }

  /** What one offered rate gave. Latencies per milestone in ms from the intended start. */
  record Step(String label, double offeredPerSecond, int seconds, int launched, int completed, int failed, int unfinished,
      double completedPerSecond, boolean sustained, String verdict, Map<String, Latency> latencies,
      Map<String, Integer> retries, Map<Integer, Long> httpStatuses, Cpu cpuPerJourney, List<String> sampleFailures) {

    Latency latency(String milestone) {
      return latencies.getOrDefault(milestone, Latency.NONE);
    }

    /** The same step, its verdict saying that it started before the engine was quiet ({@code busy} null: as it is). */
    Step startedOn(String busy) {
      return busy == null ? this : new Step(label, offeredPerSecond, seconds, launched, completed, failed, unfinished,
          completedPerSecond, sustained, verdict + "; started on a busy engine: " + busy, latencies, retries, httpStatuses,
          cpuPerJourney, sampleFailures);
    }
  }

  private final Http http;
  private final CpuMeter cpu;
  private final double latencyBoundMillis;

  /** {@code latencyBoundSeconds}: a step whose median journey takes longer is not sustained (see {@link #run}). */
  OpenModel(Http http, CpuMeter cpu, double latencyBoundSeconds) {
    this.http = http;
    this.cpu = cpu;
    this.latencyBoundMillis = latencyBoundSeconds * 1000;
  }

  /**
   * Launches {@code rate × seconds} journeys evenly spaced, waits up to {@code drainSeconds} after
   * the last launch for them, and judges whether the rate was sustained:
   * <ul>
   *   <li>at least 99 % of the journeys reached their end;</li>
   *   <li>completions per second are at least 85 % of the offered rate, counted in the window from the
   *       first launch plus the first third's median latency to the last launch plus the last third's
   *       median latency (a system that keeps up completes in that window what was launched in the step;
   *       one that does not stretches the window by its backlog);</li>
   *   <li>no queue built up: the median latency of the last third of the journeys is at most 2 × that
   *       of the first third plus 500 ms (a shared machine's noise stays below that; a backlog does not);</li>
   *   <li>the median journey of the step took at most the latency bound ({@code benchmark.latencyBoundSeconds}):
   *       a backlog left by an earlier step drains at a steady latency, so neither of the criteria above sees
   *       it, and its completions would count as this step's throughput.</li>
   * </ul>
   */
  Step run(String label, double rate, int seconds, int drainSeconds, IntFunction<Journey> journeys,
      List<String> milestones) throws InterruptedException {
    int count = Math.max(1, (int) Math.round(rate * seconds));
    long interval = (long) (1e9 / rate);
    List<Journey> started = new ArrayList<>(count);
    List<CompletableFuture<Journey>> finished = new ArrayList<>(count);
    http.takeStatusCounts();
    for (int i = 0; i < count; i++) {
      started.add(journeys.apply(i));
    }
    CpuMeter.Sample cpuBefore = cpu.sample();
    long cpuStart = System.nanoTime();
    long t0 = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < count; i++) {
      long intended = t0 + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      finished.add(started.get(i).start(intended));
    }
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    for (CompletableFuture<Journey> future : finished) {
      long left = drainDeadline - System.nanoTime();
      try {
        future.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // judged below
      }
    }
    CpuMeter.Sample cpuUsed = cpu.sample().minus(cpuBefore);
    double cpuSeconds = (System.nanoTime() - cpuStart) / 1e9;
    started.forEach(j -> j.abandoned = true);
    return judge(label, rate, seconds, t0, started, milestones, cpuUsed, cpuSeconds);
  }

  private Step judge(String label, double rate, int seconds, long t0, List<Journey> journeys, List<String> milestones,
      CpuMeter.Sample cpuUsed, double cpuSeconds) {
    int completed = 0;
    int failed = 0;
    List<String> failures = new ArrayList<>();
    for (Journey j : journeys) {
      if (j.succeeded()) {
        completed++;
      } else if (j.failure != null) {
        failed++;
        if (failures.size() < 5) {
          failures.add(j.failure);
        }
      }
    }
    int unfinished = journeys.size() - completed - failed;
    Map<String, Latency> latencies = new java.util.LinkedHashMap<>();
    for (String milestone : milestones) {
      List<Long> values = new ArrayList<>();
      for (Journey j : journeys) {
        if (j.succeeded()) {
          values.add(j.latency(milestone));
        }
      }
      latencies.put(milestone, Latency.ofNanos(values));
    }
    Map<String, Integer> retries = new TreeMap<>();
    journeys.forEach(j -> j.retries.forEach((what, n) -> retries.merge(what, n, Integer::sum)));

    String endMilestone = journeys.get(0).endMilestone();
    int third = Math.max(1, journeys.size() / 3);
    double early = median(journeys.subList(0, third), endMilestone);
    double late = median(journeys.subList(journeys.size() - third, journeys.size()), endMilestone);
    long lastLaunch = journeys.get(journeys.size() - 1).intendedStart;
    long windowStart = t0 + (Double.isNaN(early) ? 0 : (long) (Math.min(early, 1e9) * 1e6));
    long windowEnd = lastLaunch + (long) (1e9 / rate) + (Double.isNaN(late) || late > 1e9 ? 0 : (long) (late * 1e6));
    if (windowEnd <= windowStart) {
      windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
    }
    final long from = windowStart;
    final long to = windowEnd;
    long inWindow = journeys.stream().filter(Journey::succeeded)
        .mapToLong(j -> j.milestones.get(j.endMilestone())).filter(at -> at >= from && at < to).count();
    double completedPerSecond = Math.round(inWindow / ((to - from) / 1e9) * 10) / 10.0;

    List<String> reasons = new ArrayList<>();
    if (completed < 0.99 * journeys.size()) {
      reasons.add(String.format(java.util.Locale.ROOT, "only %d of %d completed", completed, journeys.size()));
    }
    if (completedPerSecond < 0.85 * rate) {
      reasons.add(String.format(java.util.Locale.ROOT, "%.1f/s completed of %.1f/s offered", completedPerSecond, rate));
    }
    if (!Double.isNaN(early) && (Double.isNaN(late) || late > 2 * early + 500)) {
      reasons.add(late > 1e9 ? "queue building: the last third did not finish"
          : String.format(java.util.Locale.ROOT, "queue building: median %s early, %s late", Latency.fmt(early),
              Latency.fmt(late)));
    }
    double median = latencies.get(endMilestone) == null ? Double.NaN : latencies.get(endMilestone).p50();
    if (!Double.isNaN(median) && median > latencyBoundMillis) {
      reasons.add(String.format(java.util.Locale.ROOT, "median journey %s above the bound of %s", Latency.fmt(median),
          Latency.fmt(latencyBoundMillis)));
    }
    boolean sustained = reasons.isEmpty();
    return new Step(label, rate, seconds, journeys.size(), completed, failed, unfinished, completedPerSecond, sustained,
        sustained ? "sustained" : String.join("; ", reasons), latencies, retries, http.takeStatusCounts(),
        Cpu.of(cpuUsed, completed, cpuSeconds), failures);
  }

  private static double median(List<Journey> journeys, String milestone) {
    List<Long> values = new ArrayList<>();
    for (Journey j : journeys) {
      values.add(j.succeeded() ? j.latency(milestone) : Long.MAX_VALUE / 2);
    }
    return Latency.ofNanos(values).p50();
  }
}
