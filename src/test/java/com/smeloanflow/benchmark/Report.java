package com.smeloanflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/** Writes results.json, results.md and one chart per database. */
final class Report {

  /** A target of the issue: the key figure it reads, on which database, and what it must be. */
  record Target(String database, String figure, String requirement, DoublePredicate met) {}

  static final List<Target> TARGETS = List.of(
      new Target("h2", "ratio AUTO/bare", "≥ 0.8", v -> v >= 0.8),
      new Target("postgres", "ratio AUTO/bare", "≥ 0.8", v -> v >= 0.8),
      new Target("h2", "AUTO completed/s", "≥ 40/s", v -> v >= 40),
      new Target("postgres", "AUTO completed/s", "≥ 30/s", v -> v >= 30),
      new Target("h2", "AUTO decision p95 at half rate (ms)", "≤ 300 ms", v -> v <= 300),
      new Target("postgres", "AUTO decision p95 at half rate (ms)", "≤ 300 ms", v -> v <= 300),
      new Target("postgres", TasklistScenario.GROUP_PAGE_P95, "≤ 100 ms", v -> v <= 100),
      new Target("postgres", TasklistScenario.GROUP_COUNT_P95, "≤ 500 ms", v -> v <= 500),
      new Target("postgres", "daily close of 1,000,000 loans (s)", "< 20 s", v -> v < 20),
      new Target("h2", Benchmark.STARTUP, "≤ 10 s", v -> v <= 10_000),
      new Target("h2", "restart to ready with " + ClassDataSharing.LAUNCH + " (ms)", "≤ 10 s", v -> v <= 10_000));

  private Report() {}

  static void write(Benchmark.Run run, Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("results.json"),
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run), StandardCharsets.UTF_8);
    List<String> md = new ArrayList<>();
    md.add("# sme-loan-flow benchmark");
    md.add("");
    md.add("Run " + run.startedAt() + " – " + run.finishedAt() + String.format(Locale.ROOT, " (%.1f min). ", run.minutes())
        + "Machine: " + run.machine().describe() + ". The application, its database and this load generator share the "
        + "machine; figures taken while other work ran on it are provisional.");
    md.add("");
    md.add("The application runs from its jar (`java -Dfile.encoding=UTF-8 -jar`, as the README starts it, no other "
        + "JVM options) with the **demo profile** — the sandbox endpoints the benchmark plays the applicant and the "
        + "outside world with exist only there; otherwise it is the application as it ships. A client looks for a state "
        + "change every " + run.settings().pollMillis()
        + " ms during a journey's first second, every " + 5 * run.settings().pollMillis() + " ms up to 5 s, then every "
        + 20 * run.settings().pollMillis() + " ms; a milestone is seen at most one interval late. Method: "
        + "docs/performance.md.");
    md.add("");
    md.add("## Targets");
    md.add("");
    md.add("| target | database | measured | required | met |");
    md.add("|---|---|---|---|---|");
    for (Target target : TARGETS) {
      Double value = run.keyFigures().get(target.database() + ": " + target.figure());
      md.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", target.figure(), target.database(),
          value == null ? "pending / not run" : format(value), target.requirement(),
          value == null ? "–" : target.met().test(value) ? "yes" : "**no**"));
    }
    md.add("");
    md.add("## Key figures");
    md.add("");
    md.add("| figure | this run | previous run | difference |");
    md.add("|---|---|---|---|");
    for (Map.Entry<String, Double> figure : run.keyFigures().entrySet()) {
      Double before = run.previousKeyFigures().get(figure.getKey());
      md.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", figure.getKey(), format(figure.getValue()),
          before == null ? "–" : format(before), before == null || before == 0 ? "–"
              : String.format(Locale.ROOT, "%+.0f %%", 100 * (figure.getValue() - before) / before)));
    }
    md.add("");
    md.add("When nothing changed in between, the difference to the previous run (the results.json this run replaced) "
        + "is the noise between two runs. Each search says between which offered rates the limit lay. In fourteen pairs "
        + "of idle runs of the same code back to back, a sustained rate moved by up to a factor of 2.0 (AUTO) and 2.2 "
        + "(the bare engine), and the ratio AUTO/bare lay anywhere between 0.15 and 0.60; Tasklist's page and variable "
        + "search, intake, the repayment feed and startup moved by up to a factor of 1.4, Tasklist's count by up to 1.5 "
        + "and its \"my tasks\" by up to 1.7, the daily close by up to 1.5, the SINGLE path by up to 2.5 and the "
        + "latencies at half rate by up to 3.9 (on a host whose speed changed between the runs: compare the scoring "
        + "figure), and the latencies at the sustained rate (which depend on where the search stopped) and the CPU "
        + "regression's marginal figures more; "
        + "docs/performance.md (\"Every run side by side\") lists every run.");
    if (run.scoring() != null) {
      md.add("");
      md.add("## Scoring alone (FourDimensionScorer, in the load generator's JVM, no database)");
      md.add("");
      md.addAll(run.scoring().markdown());
    }
    for (Benchmark.DatabaseRun database : run.databases()) {
      md.add("");
      md.add("## " + database.name() + ": " + database.description());
      md.add("");
      md.add("| start to ready | database | wall | CPU, all threads |");
      md.add("|---|---|---|---|");
      for (com.smeloanflow.benchmark.Target.Startup startup : database.startups()) {
        String launch = startup.launch().equals(com.smeloanflow.benchmark.Target.Launch.JAR)
            ? "`java -Dfile.encoding=UTF-8 -jar` (as it ships, no other JVM options)"
            : startup.launch() + ": extracted jar with its class data sharing archive (docs/performance.md)";
        md.add(String.format(Locale.ROOT, "| %s | %s | **%s** | %.1f s |", launch,
            startup.restart() ? "restart (schema and deployment exist)" : "empty", Latency.fmt(startup.readyMillis()),
            startup.cpuSeconds()));
      }
      if (Files.exists(directory.resolve(chartFile(database.name())))) {
        md.add("");
        md.add("![" + database.name() + ": throughput and p95 against offered rate](" + chartFile(database.name()) + ")");
      }
      for (Map.Entry<String, Scenario.Result> scenario : database.scenarios().entrySet()) {
        md.add("");
        md.add("### " + database.titles().get(scenario.getKey()));
        md.add("");
        md.addAll(scenario.getValue().markdown());
        List<Databases.StatementCost> costs = database.statementCosts().getOrDefault(scenario.getKey(), List.of());
        if (!costs.isEmpty()) {
          md.add("");
          md.add("<details><summary>Statements that took the most database time (pg_stat_statements)</summary>");
          md.add("");
          md.add("| calls | total ms | mean ms | rows | statement |");
          md.add("|---|---|---|---|---|");
          for (Databases.StatementCost cost : costs) {
            md.add(String.format(Locale.ROOT, "| %,d | %,.0f | %.2f | %,d | `%s` |", cost.calls(), cost.totalMillis(),
                cost.meanMillis(), cost.rows(), cost.query().replace("|", "\\|").replace("`", "'")));
          }
          md.add("");
          md.add("</details>");
        }
      }
      if (!database.applicationWarnings().isEmpty()) {
        md.add("");
        md.add("Warnings and errors in the application's log (first " + database.applicationWarnings().size() + "):");
        md.add("");
        md.add("```");
        md.addAll(database.applicationWarnings());
        md.add("```");
      }
    }
    Files.write(directory.resolve("results.md"), md, StandardCharsets.UTF_8);
  }

  /** The chart of one database's AUTO and bare-engine searches. */
  static void chart(Path directory, String database, AutoVersusBareScenario.Result result) throws IOException {
    List<SvgChart.Series> series = new ArrayList<>();
    series.add(SvgChart.series("AUTO applications", "#1f77b4", steps(result.auto()), LoanJourneys.DISBURSED_VISIBLE));
    if (result.bare() != null) {
      series.add(SvgChart.series("bare engine, same shape", "#7f7f7f", steps(result.bare()), BareEngine.COMPLETED));
    }
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(chartFile(database)),
        SvgChart.render(database + ": throughput and p95 against offered rate", series), StandardCharsets.UTF_8);
  }

  static String chartFile(String database) {
    return "chart-" + database + ".svg";
  }

  private static List<OpenModel.Step> steps(RateSearch.Result search) {
    List<OpenModel.Step> steps = new ArrayList<>(search.steps());
    if (search.half() != null) {
      steps.add(search.half());
    }
    return steps;
  }

  /** One row per offered rate: what was completed and the latencies of the milestones. */
  static List<String> stepsTable(RateSearch.Result search, List<String> milestones) {
    List<String> md = new ArrayList<>();
    StringBuilder header = new StringBuilder("| step | offered/s | launched | completed/s | failed + unfinished |"
        + " CPU ms per journey: app (of it the JIT compilers) + db + load generator (→ capacity/s of the cores) |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|");
    for (String milestone : milestones) {
      header.append(' ').append(milestone).append(" p50 / p95 / p99 |");
      rule.append("---|");
    }
    header.append(" verdict |");
    rule.append("---|");
    md.add(header.toString());
    md.add(rule.toString());
    for (OpenModel.Step step : steps(search)) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s%s | %.1f | %d | %.1f | %d |", step.label(),
          step == search.best() ? " **(highest sustained)**" : "", step.offeredPerSecond(), step.launched(),
          step.completedPerSecond(), step.failed() + step.unfinished()));
      row.append(' ').append(cpu(step.cpuPerJourney())).append(" |");
      for (String milestone : milestones) {
        row.append(' ').append(step.latency(milestone).brief()).append(" |");
      }
      row.append(' ').append(step.verdict()).append(" |");
      md.add(row.toString());
    }
    RateSearch.Marginal marginal = search.marginalCpu();
    if (marginal != null) {
      md.add("");
      md.add(String.format(Locale.ROOT, "CPU over the %d steps (least squares of CPU ms/s against journeys/s, all parties): "
          + "**%.0f ms per additional journey**, %.0f ms/s spent regardless (JIT, timers, housekeeping).", marginal.points(),
          marginal.millisPerJourney(), marginal.backgroundMillisPerSecond()));
    }
    OpenModel.Step shown = search.best() != null ? search.best() : search.steps().isEmpty() ? null : search.steps().get(0);
    if (shown != null) {
      md.add("");
      md.add(String.format(Locale.ROOT, "At %.1f/s: retries and polls %s; HTTP answers %s.", shown.offeredPerSecond(),
          retries(shown), shown.httpStatuses()));
      if (!shown.sampleFailures().isEmpty()) {
        md.add("Failures, e.g.: " + String.join(" | ", shown.sampleFailures()));
      }
    }
    return md;
  }

  static String cpu(OpenModel.Cpu cpu) {
    return cpu == null ? "–" : String.format(Locale.ROOT, "%.0f (JIT %.0f) + %.0f + %.0f (→ %.0f/s)", cpu.applicationMillis(),
        cpu.jitMillis(), cpu.databaseMillis(), cpu.generatorMillis(), cpu.capacityPerSecond());
  }

  static String retries(OpenModel.Step step) {
    if (step.retries().isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    step.retries().forEach((what, n) -> parts.add(String.format(Locale.ROOT, "%s: %d (%.2f per journey)", what, n,
        n / (double) Math.max(1, step.launched()))));
    return String.join("; ", parts);
  }

  /** The previous run's key figures, when its results.json is there. */
  static Map<String, Double> keyFiguresOf(Path previousResults) {
    Map<String, Double> figures = new LinkedHashMap<>();
    if (!Files.exists(previousResults)) {
      return figures;
    }
    try {
      JsonNode json = Http.JSON.readTree(previousResults.toFile()).path("keyFigures");
      json.fields().forEachRemaining(e -> {
        if (e.getValue().isNumber()) {
          figures.put(e.getKey(), e.getValue().asDouble());
        }
      });
    } catch (IOException e) {
      Benchmark.log("Cannot read the previous results (%s): no comparison", e.getMessage());
    }
    return figures;
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }
}
