package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Steps the offered rate up until the application no longer keeps up: doubling from the start rate
 * until a step is not sustained, then bisecting between the last sustained and the first
 * unsustained rate. Then offers half the highest sustained rate for the latencies at a comfortable
 * load.
 */
final class RateSearch {

  /** Everything one search found. {@code best} is the highest sustained step (null: none). */
  record Result(String journey, List<OpenModel.Step> steps, OpenModel.Step best, OpenModel.Step half) {

    @com.fasterxml.jackson.annotation.JsonProperty
    double sustainedPerSecond() {
      return best == null ? 0 : best.completedPerSecond();
    }

    /**
     * The search's resolution: the lowest offered rate above the highest sustained one that was not sustained
     * (the limit lies between the two); null when every step was sustained or none.
     */
    @com.fasterxml.jackson.annotation.JsonProperty
    Double firstUnsustainedOffered() {
      if (best == null) {
        return null;
      }
      return steps.stream().filter(step -> !step.sustained() && step.offeredPerSecond() > best.offeredPerSecond())
          .map(OpenModel.Step::offeredPerSecond).min(Double::compare).orElse(null);
    }

    /** "kept up with 9.0/s offered, not with 10.0/s", for the report. */
    String resolution() {
      if (best == null) {
        return "kept up with no rate offered";
      }
      Double above = firstUnsustainedOffered();
      return String.format(java.util.Locale.ROOT, "kept up with %.1f/s offered", best.offeredPerSecond())
          + (above == null ? ", the highest offered" : String.format(java.util.Locale.ROOT, ", not with %.1f/s", above));
    }

    /** Every step the search ran, the one at half the sustained rate last. */
    private List<OpenModel.Step> stepsWithHalf() {
      List<OpenModel.Step> all = new ArrayList<>(steps);
      if (half != null) {
        all.add(half);
      }
      return all;
    }

    /**
     * The share of the application's CPU that its JIT compilers used over all steps of the search (0–1), null
     * without CPU figures. While it is large the JVM is still compiling: a rate measured then is the JVM's warm-up
     * as much as the code's cost.
     */
    @com.fasterxml.jackson.annotation.JsonProperty
    Double jitShare() {
      double jit = 0;
      double application = 0;
      for (OpenModel.Step step : stepsWithHalf()) {
        OpenModel.Cpu cpu = step.cpuPerJourney();
        if (cpu != null) {
          jit += cpu.jitMillis() * cpu.completed();
          application += cpu.applicationMillis() * cpu.completed();
        }
      }
      return application == 0 ? null : Math.round(jit / application * 1000) / 1000.0;
    }

    /**
     * CPU per journey as the slope of CPU used per second against journeys completed per second over
     * the steps (least squares): what one more journey costs, without the background work (JIT,
     * timers, housekeeping) that the figure per journey of a slow step includes. Null with fewer
     * than three steps.
     */
    @com.fasterxml.jackson.annotation.JsonProperty
    Marginal marginalCpu() {
      List<double[]> points = new ArrayList<>();
      for (OpenModel.Step step : stepsWithHalf()) {
        OpenModel.Cpu cpu = step.cpuPerJourney();
        if (cpu != null && cpu.intervalSeconds() > 0) {
          points.add(new double[] {cpu.completed() / cpu.intervalSeconds(), cpu.totalMillis() / cpu.intervalSeconds()});
        }
      }
      if (points.size() < 3) {
        return null;
      }
      double n = points.size();
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      for (double[] p : points) {
        sx += p[0];
        sy += p[1];
        sxx += p[0] * p[0];
        sxy += p[0] * p[1];
      }
      double denominator = n * sxx - sx * sx;
      if (denominator == 0) {
        return null;
      }
      double slope = (n * sxy - sx * sy) / denominator;
      double intercept = (sy - slope * sx) / n;
      return new Marginal(OpenModel.Cpu.round(slope), OpenModel.Cpu.round(intercept), points.size());
    }
  }

  /** CPU ms per additional journey (all parties), CPU ms per second spent regardless, from {@code points} steps. */
  record Marginal(double millisPerJourney, double backgroundMillisPerSecond, int points) {}

  /** Prepares the journeys of one step (e.g. registers the enterprises) before it starts. */
  interface Journeys {
    IntFunction<Journey> prepare(double rate, int count) throws Exception;
  }

  /** Below this a search gives up: the application does not keep up at all. */
  static final double MIN_RATE = 0.5;

  private final OpenModel model;
  private final BenchmarkSettings settings;
  private final Supplier<String> settle;

  /**
   * {@code settle} runs before every step: waits until the previous step's work is done, and answers null, or what
   * was still running when it gave up (the step's verdict says so).
   */
  RateSearch(OpenModel model, BenchmarkSettings settings, Supplier<String> settle) {
    this.model = model;
    this.settings = settings;
    this.settle = settle;
  }

  /**
   * Offers journeys at half the start rate for {@code seconds}, not reported: the first requests after a
   * start run in the interpreter, fill caches and initialise lazily (the first decision table evaluation
   * loads the FEEL engine). Given time to finish.
   */
  void warmUp(String name, int seconds, Journeys journeys, List<String> milestones, int drainSeconds) throws Exception {
    step(name + " warm-up", settings.startRate() / 2, seconds, journeys, milestones, Math.max(drainSeconds, 120));
  }

  Result search(String name, Journeys journeys, List<String> milestones, int drainSeconds) throws Exception {
    warmUp(name, Math.max(4, settings.stepSeconds() / 2), journeys, milestones, drainSeconds);
    return searchWarm(name, journeys, milestones, drainSeconds);
  }

  /** The search without its short warm-up step: for journeys that {@link #warmUp} has just run. */
  Result searchWarm(String name, Journeys journeys, List<String> milestones, int drainSeconds) throws Exception {
    List<OpenModel.Step> steps = new ArrayList<>();
    double sustained = 0;
    double unsustained = Double.POSITIVE_INFINITY;
    OpenModel.Step best = null;
    double rate = settings.startRate();
    int refinementsLeft = settings.refinements();
    while (rate <= settings.maxRate()) {
      OpenModel.Step step = step(name, rate, settings.stepSeconds(), journeys, milestones, drainSeconds);
      steps.add(step);
      if (step.sustained()) {
        sustained = rate;
        if (best == null || step.offeredPerSecond() > best.offeredPerSecond()) {
          best = step;
        }
      } else {
        unsustained = Math.min(unsustained, rate);
      }
      if (unsustained == Double.POSITIVE_INFINITY) {
        rate = round(rate * 2);
        continue;
      }
      if (best == null) {
        // Nothing sustained yet: halve until something is (the refinements are for between two rates).
        rate = round(rate / 2);
        if (rate < MIN_RATE) {
          break;
        }
        continue;
      }
      if (refinementsLeft-- <= 0) {
        break;
      }
      double next = round((sustained + unsustained) / 2);
      if (next <= sustained || next >= unsustained || unsustained / Math.max(sustained, 0.1) < 1.12) {
        break;
      }
      rate = next;
    }
    OpenModel.Step half = null;
    if (best != null) {
      half = step(name + " at half", round(best.offeredPerSecond() / 2), settings.halfRateSeconds(), journeys, milestones,
          drainSeconds);
    }
    return new Result(name, steps, best, half);
  }

  OpenModel.Step step(String name, double rate, int seconds, Journeys journeys, List<String> milestones, int drainSeconds)
      throws Exception {
    String busy = settle.get();
    int count = Math.max(1, (int) Math.round(rate * seconds));
    IntFunction<Journey> prepared = journeys.prepare(rate, count);
    OpenModel.Step step = model.run(name, rate, seconds, drainSeconds, prepared, milestones).startedOn(busy);
    Benchmark.log("  %-22s %6.1f/s offered → %6.1f/s completed, end p50/p95/p99 %s, CPU ms/journey %s, %s", name,
        rate, step.completedPerSecond(), step.latency(milestones.get(milestones.size() - 1)).brief(),
        Report.cpu(step.cpuPerJourney()), step.verdict());
    return step;
  }

  static double round(double rate) {
    return rate >= 10 ? Math.round(rate) : Math.round(rate * 2) / 2.0;
  }
}
