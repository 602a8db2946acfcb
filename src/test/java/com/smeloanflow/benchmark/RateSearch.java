package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

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
  }

  /** Prepares the journeys of one step (e.g. registers the enterprises) before it starts. */
  interface Journeys {
    IntFunction<Journey> prepare(double rate, int count) throws Exception;
  }

  private final OpenModel model;
  private final BenchmarkSettings settings;
  private final Runnable settle;

  /** {@code settle} runs before every step: waits until the previous step's work is done. */
  RateSearch(OpenModel model, BenchmarkSettings settings, Runnable settle) {
    this.model = model;
    this.settings = settings;
    this.settle = settle;
  }

  Result search(String name, Journeys journeys, List<String> milestones, int drainSeconds) throws Exception {
    // Warm-up, not reported: the first requests after a start run in the interpreter and fill caches.
    step(name + " warm-up", settings.startRate() / 2, Math.max(4, settings.stepSeconds() / 2), journeys, milestones,
        drainSeconds);
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
    settle.run();
    int count = Math.max(1, (int) Math.round(rate * seconds));
    IntFunction<Journey> prepared = journeys.prepare(rate, count);
    OpenModel.Step step = model.run(name, rate, seconds, drainSeconds, prepared, milestones);
    Benchmark.log("  %-22s %6.1f/s offered → %6.1f/s completed, end p50/p95/p99 %s, CPU ms/journey %s, %s", name,
        rate, step.completedPerSecond(), step.latency(milestones.get(milestones.size() - 1)).brief(),
        Report.cpu(step.cpuPerJourney()), step.verdict());
    return step;
  }

  static double round(double rate) {
    return rate >= 10 ? Math.round(rate) : Math.round(rate * 2) / 2.0;
  }
}
