package com.smeloanflow.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as it ships, started from its jar in a process of its own: the demo profile
 * (the sandbox endpoints the benchmark plays the outside world with exist only there), on H2 in a
 * temporary directory or on PostgreSQL. Measures the time from starting the process to the first
 * 200 of {@code /actuator/health/readiness}, and the CPU time the process had used by then.
 */
final class Target implements AutoCloseable {

  /**
   * How the JVM is started after its options: {@code -jar} and the jar as it ships, or an operator's
   * documented start command ({@link ClassDataSharing}).
   */
  record Launch(String name, List<String> arguments) {
    static final String JAR = "jar";

    static Launch jar(BenchmarkSettings settings) {
      return new Launch(JAR, List.of("-jar", settings.jar().toAbsolutePath().toString()));
    }
  }

  /** One start to ready: how it was launched, on an empty database or a restart, wall and CPU time. */
  record Startup(String launch, boolean restart, long readyMillis, double cpuSeconds) {}

  private final Process process;
  private final Path log;
  private final String launch;
  final int port;
  final Database database;
  final long readyMillis;
  /** CPU seconds of all the application's threads from the start of the process to ready. */
  final double readyCpuSeconds;

  private Target(Process process, Path log, String launch, int port, Database database, long readyMillis,
      double readyCpuSeconds) {
    this.process = process;
    this.log = log;
    this.launch = launch;
    this.port = port;
    this.database = database;
    this.readyMillis = readyMillis;
    this.readyCpuSeconds = readyCpuSeconds;
  }

  static Target start(BenchmarkSettings settings, Database database, String label) throws IOException, InterruptedException {
    return start(settings, database, label, Launch.jar(settings));
  }

  static Target start(BenchmarkSettings settings, Database database, String label, Launch launch)
      throws IOException, InterruptedException {
    int port = freePort();
    int smtpPort = freePort();
    Path log = settings.outputDirectory().resolve("app-" + label + ".log").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dfile.encoding=UTF-8"); // as the README starts it (DefaultCharsetCheck)
    command.addAll(settings.applicationJvmOptions());
    command.addAll(launch.arguments());
    command.addAll(List.of(
        "--server.port=" + port,
        "--spring.profiles.active=" + database.profiles(),
        "--smeloan.demo.embedded-smtp.port=" + smtpPort));
    command.addAll(settings.applicationArguments());
    ProcessBuilder builder = new ProcessBuilder(command).directory(database.workingDirectory().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(database.environment());
    long started = System.nanoTime();
    Process process = builder.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    long deadline = started + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The application exited (" + process.exitValue() + "), see " + log);
      }
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
          double cpuSeconds = new CpuMeter(process.pid(), null).sample().application() / 1000;
          return new Target(process, log, launch.name(), port, database, millis, cpuSeconds);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("The application was not ready within 300 s, see " + log);
  }

  /** The application's log lines that mention a problem, for the report. */
  List<String> problems() throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN "))
        .filter(l -> !l.contains("deprecat")).limit(20).toList();
  }

  Path log() {
    return log;
  }

  Startup startup(boolean restart) {
    return new Startup(launch, restart, readyMillis, readyCpuSeconds);
  }

  /** Measures the CPU time of the application's process and of a local database server. */
  CpuMeter cpuMeter() {
    return new CpuMeter(process.pid(), database.localPort());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Where the application keeps its data. */
  interface Database extends AutoCloseable {
    String name();

    String description();

    String profiles();

    Path workingDirectory();

    Map<String, String> environment();

    /** The server's port when it runs on this machine (its processes' CPU time is measured), or null. */
    default Integer localPort() {
      return null;
    }

    /** JDBC URL the benchmark itself may use (statement costs), or null. */
    String jdbcUrl();

    String user();

    String password();
  }
}
