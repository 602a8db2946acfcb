package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SINGLE-approver applications at a constant rate: online CREDIT_QUICK of 500,000 CNY for a strong
 * enterprise (above the AUTO limit, so the model routes it to an approver after a remote
 * verification). The demo staff — remote-verifier, approver, disburser — find, claim and complete
 * their tasks over the engine REST API at once, so the latencies are the system's part of the way.
 */
final class SingleApproverScenario implements Scenario {

  record Result(OpenModel.Step step) implements Scenario.Result {
    @Override
    public java.util.Map<String, Double> keyFigures() {
      return java.util.Map.of("SINGLE end-to-end p95 (ms)", step.latency(LoanJourneys.DISBURSED_VISIBLE).p95());
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- %.1f applications/s offered for %d s: %d of %d disbursed; %s", step.offeredPerSecond(),
          step.seconds(), step.completed(), step.launched(), step.verdict()));
      md.add("");
      md.add("| milestone (staff act at once) | p50 | p95 | p99 |");
      md.add("|---|---|---|---|");
      for (String milestone : LoanJourneys.SINGLE_MILESTONES) {
        Latency latency = step.latency(milestone);
        md.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", milestone, Latency.fmt(latency.p50()), Latency.fmt(latency.p95()),
            Latency.fmt(latency.p99())));
      }
      md.add("");
      md.add("Retries and polls: " + Report.retries(step));
      return md;
    }
  }

  @Override
  public String id() {
    return "single";
  }

  @Override
  public String title() {
    return "SINGLE-approver applications, staff over the engine REST API";
  }

  @Override
  public Result run(Context context) throws Exception {
    LoanJourneys loans = new LoanJourneys(context.http(), context.timer(), context.pace());
    BenchmarkSettings settings = context.settings();
    int count = (int) Math.round(settings.singleRate() * settings.singleSeconds());
    List<String> codes = loans.strongEnterprises(count);
    String busy = context.settle();
    OpenModel.Step step = new OpenModel(context.http(), context.cpu(), context.settings().latencyBoundSeconds()).run("SINGLE", settings.singleRate(),
        settings.singleSeconds(), 60, i -> loans.singleApprover(codes.get(i)), LoanJourneys.SINGLE_MILESTONES)
        .startedOn(busy);
    Benchmark.log("  SINGLE %.1f/s: %d of %d disbursed, end p50/p95/p99 %s", settings.singleRate(), step.completed(),
        step.launched(), step.latency(LoanJourneys.DISBURSED_VISIBLE).brief());
    return new Result(step);
  }
}
