package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AUTO applications end to end, then the bare engine with the same shape in the same running
 * application, each stepped up until it no longer keeps up; the ratio is the application's own
 * cost.
 */
final class AutoVersusBareScenario implements Scenario {

  /** Both searches, the shape the baseline copied and the ratio of the sustained rates. */
  record Result(RateSearch.Result auto, BareEngine.Shape shape, RateSearch.Result bare, OpenModel.Step bareWithoutAsync,
      double ratio, List<String> routes, String book) implements Scenario.Result {

    @Override
    public java.util.Map<String, Double> keyFigures() {
      java.util.Map<String, Double> figures = new java.util.LinkedHashMap<>();
      figures.put("AUTO completed/s", auto.sustainedPerSecond());
      figures.put("bare engine completed/s", bare == null ? 0 : bare.sustainedPerSecond());
      figures.put("ratio AUTO/bare", ratio);
      if (auto.half() != null) {
        figures.put("AUTO decision p95 at half rate (ms)", auto.half().latency(LoanJourneys.DECISION).p95());
        figures.put("AUTO end-to-end p95 at half rate (ms)", auto.half().latency(LoanJourneys.DISBURSED_VISIBLE).p95());
      }
      if (auto.best() != null) {
        figures.put("AUTO decision p95 at sustained rate (ms)", auto.best().latency(LoanJourneys.DECISION).p95());
        figures.put("AUTO end-to-end p95 at sustained rate (ms)", auto.best().latency(LoanJourneys.DISBURSED_VISIBLE).p95());
      }
      OpenModel.Cpu autoWarm = cpuAtBest(auto);
      OpenModel.Cpu bareWarm = cpuAtBest(bare);
      if (autoWarm != null && bareWarm != null) {
        figures.put("AUTO CPU ms per application without the JIT, at the sustained rate", autoWarm.withoutJitMillis());
        figures.put("bare engine CPU ms per instance without the JIT, at the sustained rate", bareWarm.withoutJitMillis());
        figures.put("CPU ratio bare/AUTO without the JIT", cpuRatio(autoWarm, bareWarm));
      }
      if (auto.jitShare() != null) {
        figures.put("JIT share of the app's CPU during the AUTO search (%)", Math.round(auto.jitShare() * 1000) / 10.0);
      }
      RateSearch.Marginal autoCpu = auto.marginalCpu();
      RateSearch.Marginal bareCpu = bare == null ? null : bare.marginalCpu();
      if (autoCpu != null) {
        figures.put("AUTO CPU ms per application (marginal, all parties)", autoCpu.millisPerJourney());
      }
      if (bareCpu != null) {
        figures.put("bare engine CPU ms per instance (marginal, all parties)", bareCpu.millisPerJourney());
      }
      return figures;
    }

    @Override
    public List<String> markdown() {
      List<String> md = new ArrayList<>();
      md.add(String.format(Locale.ROOT, "- **AUTO completed/s (sustained): %.1f**; bare engine of the same shape: **%.1f/s**; "
          + "ratio AUTO/bare **%.2f**", auto.sustainedPerSecond(), bare == null ? 0 : bare.sustainedPerSecond(), ratio));
      if (book != null) {
        md.add("- **Beside a book of monitored loans** (`-Dbenchmark.auto.bookLoans`): " + book + ".");
      }
      md.add("- The search's resolution (the limit lies between the two rates): AUTO " + auto.resolution()
          + (bare == null ? "" : "; the bare engine " + bare.resolution()) + ".");
      OpenModel.Cpu autoWarm = cpuAtBest(auto);
      OpenModel.Cpu bareWarm = cpuAtBest(bare);
      if (autoWarm != null && bareWarm != null) {
        md.add(String.format(Locale.ROOT, "- **The JVM was still compiling**: its JIT compilers used %s of the application's "
            + "CPU during the AUTO search and %s during the bare engine's. Without the JIT, at the highest sustained rates, "
            + "an AUTO application cost %s CPU ms (all parties) and a bare instance %s: **CPU ratio bare/AUTO %.2f**, "
            + "the ratio a warm JVM would approach.", percent(auto.jitShare()), percent(bare.jitShare()),
            Report.format(autoWarm.withoutJitMillis()), Report.format(bareWarm.withoutJitMillis()),
            cpuRatio(autoWarm, bareWarm)));
      }
      if (shape != null) {
        md.add(String.format(Locale.ROOT, "- Shape of the AUTO path (from the history of %s): %d activity instances in %d "
            + "process instance(s), %d jobs (%d async continuations, %d timer), %d message wait; the bare baseline repeats it "
            + "with steps that do nothing. Besides, each disbursed AUTO loan starts a post-loan-monitoring instance (not in "
            + "the baseline: it is the application's work).", shape.applicationId(), shape.activityInstances(),
            shape.processInstances(), shape.jobs(), shape.asyncContinuations(), shape.timerJobs(), shape.messageWaits()));
      }
      md.add("");
      md.add("AUTO applications (milestones: p50 / p95 / p99 from the intended start):");
      md.add("");
      md.addAll(Report.stepsTable(auto, LoanJourneys.AUTO_MILESTONES));
      if (bare != null) {
        md.add("");
        md.add("Bare engine, same shape:");
        md.add("");
        md.addAll(Report.stepsTable(bare, BareEngine.MILESTONES));
      }
      if (bareWithoutAsync != null && bare != null && bare.half() != null && bare.half().cpuPerJourney() != null
          && bareWithoutAsync.cpuPerJourney() != null && shape != null && shape.asyncContinuations() > 0) {
        OpenModel.Cpu with = bare.half().cpuPerJourney();
        OpenModel.Cpu without = bareWithoutAsync.cpuPerJourney();
        // the JIT's share is left out: it is the JVM's warm-up, and it differs between two steps of the same work
        double perInstance = with.applicationMillis() - with.jitMillis() + with.databaseMillis()
            - (without.applicationMillis() - without.jitMillis()) - without.databaseMillis();
        md.add("");
        md.add(String.format(Locale.ROOT, "What the async continuations cost the engine itself: the bare baseline at %.1f/s "
            + "with its %d async continuations uses %s CPU ms per instance (application without its JIT + database), "
            + "without them %s; "
            + "%.1f ms per instance, **%.1f ms per async continuation**; end to end p50 %s with, %s without.",
            bare.half().offeredPerSecond(), shape.asyncContinuations(),
            Report.format(with.applicationMillis() - with.jitMillis() + with.databaseMillis()),
            Report.format(without.applicationMillis() - without.jitMillis() + without.databaseMillis()), perInstance,
            perInstance / shape.asyncContinuations(), Latency.fmt(bare.half().latency(BareEngine.COMPLETED).p50()),
            Latency.fmt(bareWithoutAsync.latency(BareEngine.COMPLETED).p50())));
      }
      return md;
    }
  }

  /** CPU per journey at the search's highest sustained rate; null without one. */
  private static OpenModel.Cpu cpuAtBest(RateSearch.Result search) {
    return search == null || search.best() == null ? null : search.best().cpuPerJourney();
  }

  private static double cpuRatio(OpenModel.Cpu auto, OpenModel.Cpu bare) {
    return auto.withoutJitMillis() == 0 ? 0 : Math.round(bare.withoutJitMillis() / auto.withoutJitMillis() * 100) / 100.0;
  }

  private static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  @Override
  public String id() {
    return "auto";
  }

  @Override
  public String title() {
    return "AUTO applications end to end, and the bare engine of the same shape";
  }

  @Override
  public Result run(Context context) throws Exception {
    int bookLoans = context.settings().autoBookLoans();
    if (bookLoans <= 0) {
      return measure(context, null);
    }
    Target.Database database = context.target().database;
    if (database.jdbcUrl() == null) {
      Benchmark.log("  %s: no book of monitored loans (its database is open in the application alone)", database.name());
      return measure(context, "none on " + database.name() + " (its database is open in the application alone)");
    }
    MonitoredBookTimers.Seeded seeded = MonitoredBookTimers.seed(database, bookLoans);
    Benchmark.log("  %s", seeded.describe());
    try {
      return measure(context, seeded.describe());
    } finally {
      MonitoredBookTimers.remove(database);
    }
  }

  private Result measure(Context context, String book) throws Exception {
    LoanJourneys loans = new LoanJourneys(context.http(), context.timer(), context.pace());
    RateSearch search = new RateSearch(new OpenModel(context.http(), context.cpu(), context.settings().latencyBoundSeconds()), context.settings(), context::settle);
    RateSearch.Journeys autoJourneys = (rate, count) -> {
      List<String> codes = loans.strongEnterprises(count);
      return i -> loans.auto(codes.get(i));
    };
    // The first journeys of a freshly started application: the JIT compiles while they run. A bank's
    // application runs warm, so the search starts after the compilation of the hot paths has settled.
    search.warmUp("JVM (AUTO)", context.settings().warmUpSeconds(), autoJourneys, LoanJourneys.AUTO_MILESTONES, 30);
    RateSearch.Result auto = search.searchWarm("AUTO", autoJourneys, LoanJourneys.AUTO_MILESTONES, 30);

    BareEngine.Shape shape = BareEngine.shapeOf(context.http(), disbursedApplication(context));
    Benchmark.log("  shape of the AUTO path: %d activity instances, %d jobs, %d message wait(s)", shape.activityInstances(),
        shape.jobs(), shape.messageWaits());
    BareEngine.deploy(context.http(), BareEngine.model(shape), BareEngine.PROCESS_KEY);
    // The bare engine keeps up at least where the application does: its search starts there.
    BenchmarkSettings settings = context.settings();
    double bareStart = Math.max(settings.startRate(), auto.best() == null ? 0 : auto.best().offeredPerSecond());
    RateSearch bareSearch = new RateSearch(new OpenModel(context.http(), context.cpu(), context.settings().latencyBoundSeconds()),
        settings.withSearch(settings.stepSeconds(), settings.halfRateSeconds(), bareStart, settings.maxRate(),
            settings.refinements()), context::settle);
    // No warm-up step of its own: the engine's code is warm from the AUTO journeys (the first bare step was
    // sustained without one in every run that had it).
    RateSearch.Result bare = bareSearch.searchWarm("bare engine",
        (rate, count) -> i -> BareEngine.journey(context.http(), context.timer(), context.pace()), BareEngine.MILESTONES, 30);
    OpenModel.Step withoutAsync = null;
    if (bare.half() != null) {
      BareEngine.deploy(context.http(), BareEngine.model(shape, false), BareEngine.PROCESS_KEY_WITHOUT_ASYNC);
      withoutAsync = bareSearch.step("bare without async", bare.half().offeredPerSecond(), settings.halfRateSeconds(),
          (rate, count) -> i -> BareEngine.journey(context.http(), context.timer(), context.pace(),
              BareEngine.PROCESS_KEY_WITHOUT_ASYNC), BareEngine.MILESTONES, 30);
    }
    double ratio = bare.sustainedPerSecond() == 0 ? 0 : auto.sustainedPerSecond() / bare.sustainedPerSecond();
    return new Result(auto, shape, bare, withoutAsync, Math.round(ratio * 100) / 100.0, List.copyOf(loans.routesSeen()), book);
  }

  /** Any application that reached DISBURSED (the shape of the whole AUTO path). */
  private static String disbursedApplication(Context context) {
    Http.Reply reply = context.http().call("GET", "/engine-rest/history/process-instance?processDefinitionKey=loan-origination"
        + "&finished=true&sortBy=endTime&sortOrder=desc&maxResults=20", LoanJourneys.ADMIN, null);
    for (var instance : reply.json()) {
      if ("COMPLETED".equals(instance.path("state").asText())) {
        String id = instance.get("businessKey").asText();
        Http.Reply view = context.http().call("GET", "/api/applications/" + id, LoanJourneys.CHANNEL, null);
        if ("DISBURSED".equals(view.json().path("status").asText())) {
          return id;
        }
      }
    }
    throw new IllegalStateException("No AUTO application reached DISBURSED; cannot read the shape of the path");
  }
}
