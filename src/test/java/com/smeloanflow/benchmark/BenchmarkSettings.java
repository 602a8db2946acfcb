package com.smeloanflow.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the benchmark runs and how long, from {@code -Dbenchmark.*} system properties (the Maven
 * profile passes them through). Defaults fit the whole run into about 15 minutes on 2 cores.
 *
 * @param jar the application's fat jar, as {@code ./mvnw package} builds it
 * @param outputDirectory where results.json, results.md and the charts go
 * @param databases h2 and/or postgres
 * @param scenarios which scenarios run (see {@link Scenario#id()})
 * @param postgresUrl a PostgreSQL server to use instead of the embedded one (an empty database)
 * @param postgresDurable fsync and synchronous_commit of the embedded server (on, as in production)
 * @param stepSeconds how long each offered rate is held while searching for the sustained rate
 * @param halfRateSeconds how long the half-rate run lasts
 * @param startRate first offered rate of a search (applications/s)
 * @param maxRate the search stops there
 * @param refinements bisections between the last sustained and the first unsustained rate
 * @param warmUpSeconds how long a freshly started application is given journeys at half the start rate before its
 *     first search counts anything: the JIT compiles the hot paths then, not during the steps
 * @param latencyBoundSeconds a step whose median journey takes longer is not sustained
 * @param quietMillisPerSecond before a step, once no job is due, the benchmark waits until the application (its JIT
 *     compilers included) and the database use less CPU than this per second (0: no wait)
 * @param quietSeconds the longest it waits for that before each step
 * @param pollMillis how often a client polls for a state change (the latency resolution)
 * @param singleRate offered rate of SINGLE-approver applications
 * @param singleSeconds how long SINGLE-approver applications are offered
 * @param tasklistTasks open user tasks seeded for the Tasklist scenario
 * @param tasklistUsers concurrent Tasklist users
 * @param tasklistSeconds how long each Tasklist query is repeated by the users
 * @param dailyCloseLoans loan accounts seeded for the daily close
 * @param dailyCloseUnpaidEvery every n-th seeded loan does not pay its first instalment (falls overdue on the due date)
 * @param repaymentLoans loans seeded for the repayment feed (one repayment each)
 * @param autoBookLoans monitored loans whose two timers each are put into the job table before the AUTO scenario
 *     (PostgreSQL only; 0, the default, none): what the job executor works beside in a bank with a book
 * @param applicationArguments extra arguments for the application (to measure a setting before
 *     changing application.yaml, e.g. {@code --camunda.bpm.job-execution.core-pool-size=8}), space separated
 * @param applicationJvmOptions JVM options for the application (none by default: the jar as it ships;
 *     e.g. a flight recording), space separated
 */
public record BenchmarkSettings(
    Path jar,
    Path outputDirectory,
    Set<String> databases,
    Set<String> scenarios,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    boolean postgresDurable,
    int stepSeconds,
    int halfRateSeconds,
    double startRate,
    double maxRate,
    int refinements,
    int warmUpSeconds,
    double latencyBoundSeconds,
    int quietMillisPerSecond,
    int quietSeconds,
    int pollMillis,
    double singleRate,
    int singleSeconds,
    int tasklistTasks,
    int tasklistUsers,
    int tasklistSeconds,
    int dailyCloseLoans,
    int dailyCloseUnpaidEvery,
    int repaymentLoans,
    int autoBookLoans,
    List<String> applicationArguments,
    List<String> applicationJvmOptions) {

  static BenchmarkSettings fromSystemProperties() {
    return new BenchmarkSettings(
        Path.of(property("jar", "target/sme-loan-flow-0.1.0-SNAPSHOT.jar")),
        Path.of(property("out", "target/benchmark")),
        set(property("databases", "h2,postgres")),
        set(property("scenarios", "all")),
        property("postgres.url", ""),
        property("postgres.user", "postgres"),
        property("postgres.password", ""),
        Boolean.parseBoolean(property("postgres.durable", "true")),
        Integer.parseInt(property("stepSeconds", "6")),
        Integer.parseInt(property("halfRateSeconds", "8")),
        Double.parseDouble(property("startRate", "5")),
        Double.parseDouble(property("maxRate", "160")),
        Integer.parseInt(property("refinements", "2")),
        Integer.parseInt(property("warmUpSeconds", "20")),
        Double.parseDouble(property("latencyBoundSeconds", "5")),
        Integer.parseInt(property("quietMillisPerSecond", "300")),
        Integer.parseInt(property("quietSeconds", "15")),
        Integer.parseInt(property("pollMillis", "50")),
        Double.parseDouble(property("single.rate", "2")),
        Integer.parseInt(property("single.seconds", "10")),
        Integer.parseInt(property("tasklist.tasks", "100000")),
        Integer.parseInt(property("tasklist.users", "8")),
        Integer.parseInt(property("tasklist.seconds", "6")),
        Integer.parseInt(property("dailyClose.loans", "1000000")),
        Integer.parseInt(property("dailyClose.unpaidEvery", "400")),
        Integer.parseInt(property("repayments.loans", "40000")),
        Integer.parseInt(property("auto.bookLoans", "0")),
        words(property("app.args", "")),
        words(property("app.jvm", "")));
  }

  /** The same settings with another rate search (e.g. intake, which is cheaper than a whole application). */
  BenchmarkSettings withSearch(int stepSeconds, int halfRateSeconds, double startRate, double maxRate, int refinements) {
    return new BenchmarkSettings(jar, outputDirectory, databases, scenarios, postgresUrl, postgresUser, postgresPassword,
        postgresDurable, stepSeconds, halfRateSeconds, startRate, maxRate, refinements, warmUpSeconds, latencyBoundSeconds,
        quietMillisPerSecond, quietSeconds, pollMillis, singleRate, singleSeconds, tasklistTasks, tasklistUsers,
        tasklistSeconds, dailyCloseLoans, dailyCloseUnpaidEvery, repaymentLoans, autoBookLoans, applicationArguments,
        applicationJvmOptions);
  }

  boolean runs(String scenario) {
    return scenarios.contains("all") || scenarios.contains(scenario);
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty("benchmark." + name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static List<String> words(String spaceSeparated) {
    return Arrays.stream(spaceSeparated.split("\\s+")).filter(word -> !word.isBlank()).toList();
  }

  private static Set<String> set(String commaSeparated) {
    Set<String> values = new LinkedHashSet<>();
    Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
    return values;
  }
}
