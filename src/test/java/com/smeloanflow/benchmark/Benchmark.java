package com.smeloanflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: starts the application from its jar on each database, measures it from outside
 * over HTTP and writes {@code target/benchmark/results.json}, {@code results.md} and the charts. It
 * measures and never asserts. Run it with {@code ./mvnw -Pbenchmark verify}; docs/performance.md
 * explains the method and the settings ({@link BenchmarkSettings}).
 */
public final class Benchmark {

  static final String STARTUP = "startup to ready (ms)";

  /** The scenarios, in the order they run on each database. */
  static final List<Scenario> SCENARIOS = new ArrayList<>(List.of(
      new AutoVersusBareScenario(),
      new IntakeScenario(),
      new SingleApproverScenario(),
      new TasklistScenario(),
      new DailyCloseScenario(),
      new RepaymentFeedScenario()));

  record Machine(int cores, long memoryMegabytes, String os, String cpu, String java, String loadAtStart, String loadAtEnd) {
    String describe() {
      return String.format(Locale.ROOT, "%d cores (%s), %,d MB, %s, Java %s, load average %s at the start, %s at the end", cores,
          cpu, memoryMegabytes, os, java, loadAtStart, loadAtEnd);
    }
  }

  /** Scenario id of the second pair of H2 starts, with class data sharing (docs/performance.md, "Startup to ready"). */
  static final String CDS_STARTUP = "startup-cds";

  record DatabaseRun(String name, String description, List<Target.Startup> startups, Map<String, String> titles,
      Map<String, Scenario.Result> scenarios, Map<String, List<Databases.StatementCost>> statementCosts,
      List<String> applicationWarnings) {

    /** The key figures of each start: wall milliseconds and CPU seconds to ready. */
    Map<String, Double> startupFigures() {
      Map<String, Double> figures = new LinkedHashMap<>();
      for (Target.Startup startup : startups) {
        // "startup to ready (ms)" (STARTUP) is the jar as it ships on an empty database, the target.
        String which = (startup.restart() ? "restart" : "startup") + " to ready"
            + (startup.launch().equals(Target.Launch.JAR) ? "" : " with " + startup.launch()) + " (ms)";
        figures.put(name + ": " + which, (double) startup.readyMillis());
        figures.put(name + ": " + which.replace(" (ms)", ", CPU (s)"), startup.cpuSeconds());
      }
      return figures;
    }
  }

  record Run(String startedAt, String finishedAt, double minutes, Machine machine, BenchmarkSettings settings,
      ScoringScenario.Result scoring, List<DatabaseRun> databases, Map<String, Double> keyFigures,
      Map<String, Double> previousKeyFigures) {}

  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
  /** The progress lines also go to target/benchmark/benchmark.log. */
  private static Path progress;

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    quietLibraries();
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    Path out = settings.outputDirectory();
    Files.createDirectories(out);
    Path results = out.resolve("results.json");
    Path previous = out.resolve("results-previous.json");
    if (Files.exists(results)) {
      Files.move(results, previous, StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, Double> previousFigures = Report.keyFiguresOf(previous);
    progress = out.resolve("benchmark.log");
    Files.deleteIfExists(progress);
    Instant started = Instant.now();
    String loadAtStart = loadAverage();
    log("Benchmark of %s on %s, scenarios %s", settings.jar(), settings.databases(), settings.scenarios());

    ScoringScenario.Result scoring = null;
    if (settings.runs("scoring")) {
      scoring = ScoringScenario.measure();
      log("Scoring: %,.0f scores/s on one thread, %,.0f/s per core with %d threads", scoring.perSecondOneThread(),
          scoring.perSecondPerCore(), scoring.threads());
    }
    List<DatabaseRun> databases = new ArrayList<>();
    for (String name : settings.databases()) {
      databases.add(measure(name, settings));
      write(settings, started, loadAtStart, scoring, databases, previousFigures);
    }
    Run run = write(settings, started, loadAtStart, scoring, databases, previousFigures);
    log("Done in %.1f min: %s", run.minutes(), out.resolve("results.md").toAbsolutePath());
  }

  private static DatabaseRun measure(String name, BenchmarkSettings settings) throws Exception {
    Map<String, Scenario.Result> results = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, List<Databases.StatementCost>> costs = new LinkedHashMap<>();
    try (Target.Database database = Databases.create(name, settings)) {
      log("%s: %s", name, database.description());
      List<Target.Startup> startups = new ArrayList<>();
      List<String> warnings;
      ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, Http.daemon("poll-timer"));
      try (Target target = Target.start(settings, database, name); Http http = new Http(target.port)) {
        startups.add(target.startup(false));
        log("%s: ready %d ms after the start of the process (%.1f s CPU)", name, target.readyMillis, target.readyCpuSeconds);
        Scenario.Context context = new Scenario.Context(settings, target, http, timer,
            new Journey.Pace(settings.pollMillis(), Duration.ofSeconds(120).toNanos()), target.cpuMeter());
        for (Scenario scenario : SCENARIOS) {
          if (!settings.runs(scenario.id()) || !scenario.appliesTo(name)) {
            continue;
          }
          log("%s: %s", name, scenario.title());
          Databases.resetStatementCosts(database);
          Scenario.Result result;
          try {
            result = scenario.run(context);
          } catch (Exception | AssertionError e) {
            LOG.warn("Scenario {} failed on {}", scenario.id(), name, e);
            result = new Scenario.Failed(scenario.id(), String.valueOf(e));
          }
          results.put(scenario.id(), result);
          titles.put(scenario.id(), scenario.title());
          costs.put(scenario.id(), Databases.topStatementCosts(database, 8));
          if (result instanceof AutoVersusBareScenario.Result auto) {
            Report.chart(settings.outputDirectory(), name, auto);
          }
        }
        warnings = target.problems();
      } finally {
        timer.shutdownNow();
      }
      if (name.equals("h2")) {
        // A node restarts on its existing database far more often than it starts on an empty one.
        try (Target again = Target.start(settings, database, name + "-restart")) {
          startups.add(again.startup(true));
          log("%s: restarted, ready after %d ms (%.1f s CPU)", name, again.readyMillis, again.readyCpuSeconds);
        }
        // Named only (not in "all": its 45 s did not fit the command's 15 minutes).
        if (settings.scenarios().contains(CDS_STARTUP)) {
          startups.add(classDataSharingRestart(settings, database, name));
        }
      }
      return new DatabaseRun(name, database.description(), startups, titles, results, costs, warnings);
    }
  }

  /**
   * The operator's documented start with class data sharing, as a restart on the database the jar's runs left
   * (how a node is started far more often than on an empty database; one start, to keep the command's time).
   */
  private static Target.Startup classDataSharingRestart(BenchmarkSettings settings, Target.Database database, String name)
      throws Exception {
    log("%s: extracting the jar and writing its class data sharing archive (training run)", name);
    Target.Launch launch = ClassDataSharing.prepare(settings);
    try (Target target = Target.start(settings, database, name + "-cds-restart", launch)) {
      log("%s: restarted with class data sharing, ready after %d ms (%.1f s CPU)", name, target.readyMillis,
          target.readyCpuSeconds);
      return target.startup(true);
    }
  }

  private static Run write(BenchmarkSettings settings, Instant started, String loadAtStart, ScoringScenario.Result scoring,
      List<DatabaseRun> databases, Map<String, Double> previousFigures) throws IOException {
    Map<String, Double> figures = new LinkedHashMap<>();
    if (scoring != null) {
      scoring.keyFigures().forEach((figure, value) -> figures.put("scoring: " + figure, value));
    }
    for (DatabaseRun database : databases) {
      figures.putAll(database.startupFigures());
      database.scenarios().values().forEach(result -> result.keyFigures()
          .forEach((figure, value) -> figures.put(database.name() + ": " + figure, value)));
    }
    Instant now = Instant.now();
    Run run = new Run(started.truncatedTo(ChronoUnit.SECONDS).toString(), now.truncatedTo(ChronoUnit.SECONDS).toString(),
        Math.round(Duration.between(started, now).toSeconds() / 6.0) / 10.0, machine(loadAtStart), settings, scoring,
        databases, figures, previousFigures);
    Report.write(run, settings.outputDirectory());
    return run;
  }

  private static Machine machine(String loadAtStart) {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize() / (1024 * 1024);
    }
    return new Machine(Runtime.getRuntime().availableProcessors(), memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version"), cpuModel(),
        System.getProperty("java.version"), loadAtStart, loadAverage());
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static void log(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    LOG.info(line);
    if (progress != null) {
      try {
        Files.writeString(progress, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + System.lineSeparator(),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.warn("Cannot write {}: {}", progress, e.getMessage());
      }
    }
  }

  /** Progress at INFO; the libraries' DEBUG output (logback's default without a configuration) is not wanted here. */
  private static void quietLibraries() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }
}
