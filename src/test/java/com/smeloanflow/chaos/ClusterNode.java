package com.smeloanflow.chaos;

import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the cluster: the application's jar as a JVM process of its own, on its own port, with
 * the shared PostgreSQL ({@code demo,postgres} profiles: the demo users, the sandbox outside systems)
 * and the harness's SMTP server. It can be killed ({@code kill -9}: {@link Process#destroyForcibly()}
 * sends SIGKILL), stopped gracefully (SIGTERM) and started again; each start is a new incarnation with
 * a new job executor lock owner and its own log file under {@code target/chaos/logs/}.
 */
final class ClusterNode {

  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
  /** Who reads the probe's details (the job executor's lock owner): an administrator; Prometheus's user sees the status alone. */
  private static final String PROBE_READER = "admin";

  /**
   * Everything a node needs to start. {@code coreBankingSecret}: the system user {@code core-banking}'s
   * secret ({@code SMELOAN_CORE_BANKING_SECRET}), with which the repayment feed logs in;
   * {@code dailyCloseLease}: how long the daily close's lock stays with a node that died holding it.
   */
  record Setup(Path jar, Path workDirectory, String jdbcUrl, int smtpPort, String coreBankingSecret, Duration dailyCloseLease) {}

  /** The system user of core banking's repayment feed. */
  static final String CORE_BANKING = "core-banking";

  /**
   * Loans per chunk of the daily close on the nodes. The kill test's book is a few hundred loans: in
   * chunks of the production 1,000 it would be one chunk, and a kill could never land between chunks
   * the close has committed and the one it is working on.
   */
  static final int DAILY_CLOSE_CHUNK_SIZE = 25;

  private final String name;
  private final int port;
  private final Setup setup;
  private final ApiClient api;
  private volatile Process process;
  private volatile String lockOwner;
  private volatile boolean ready;
  private int incarnation;

  ClusterNode(String name, int port, Setup setup) {
    this.name = name;
    this.port = port;
    this.setup = setup;
    this.api = new ApiClient(port);
  }

  String name() {
    return name;
  }

  ApiClient api() {
    return api;
  }

  /** The job executor lock owner of the running incarnation ({@code <node>#<8 hex digits>}). */
  String lockOwner() {
    return lockOwner;
  }

  /** The password of a user on this node: core banking's secret, else the demo users' (and other system users') {@code demo}. */
  String password(String user) {
    return CORE_BANKING.equals(user) ? setup.coreBankingSecret() : "demo";
  }

  boolean ready() {
    return ready;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Starts a new incarnation (does not wait for it). */
  synchronized void start() {
    incarnation++;
    Path logs = setup.workDirectory().resolve("logs");
    Path home = setup.workDirectory().resolve(name);
    try {
      Files.createDirectories(logs);
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8",
        "-jar", setup.jar().toAbsolutePath().toString(),
        "--server.port=" + port,
        "--spring.profiles.active=demo,postgres",
        "--smeloan.demo.embedded-smtp.enabled=false",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + setup.smtpPort(),
        "--smeloan.daily-close.chunk-size=" + DAILY_CLOSE_CHUNK_SIZE,
        "--smeloan.daily-close.lease=" + setup.dailyCloseLease(),
        "--smeloan.daily-close.node-id=" + name + "-" + incarnation,
        // the totals (postings among them) at every refresh of the cluster figures, not once per 5 minutes: the end's
        // check waits 45 s for each node's /actuator/prometheus to show the ledger's disbursements
        "--smeloan.cluster.totals-refresh-interval=PT30S"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + "-" + incarnation + ".log").toFile());
    Map<String, String> environment = builder.environment();
    environment.put("DB_URL", setup.jdbcUrl());
    environment.put("DB_USER", ChaosDatabase.USER);
    environment.put("DB_PASSWORD", "");
    environment.put("SMELOAN_NODE_NAME", name);
    environment.put("SMELOAN_CORE_BANKING_SECRET", setup.coreBankingSecret());
    ready = false;
    lockOwner = null;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + name, e);
    }
    log.info("Node {} incarnation {} started (pid {})", name, incarnation, process.pid());
  }

  /**
   * Waits until the load balancer's readiness probe says UP, then reads the job executor's lock owner
   * from the probe's details. @return how long it took
   */
  Duration awaitReady(Duration timeout) {
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!alive()) {
        throw new IllegalStateException("Node " + name + " exited while starting (exit code " + process.exitValue()
            + "); see " + setup.workDirectory().resolve("logs"));
      }
      try {
        Response readiness = api.send("GET", "/actuator/health/readiness", PROBE_READER, "demo", null);
        if (readiness.status() == 200 && "UP".equals(readiness.json().path("status").asText())) {
          lockOwner = readiness.json().at("/components/jobExecutor/details/lockOwner").asText();
          ready = true;
          return Duration.between(started, Instant.now());
        }
      } catch (UncheckedIOException notListeningYet) {
        // starting
      }
      pause(Duration.ofSeconds(1));
    }
    throw new IllegalStateException("Node " + name + " not ready after " + timeout);
  }

  /** Whether the readiness probe says UP now (false when it does not answer). */
  boolean probeReady() {
    try {
      Response readiness = api.send("GET", "/actuator/health/readiness", null, null, null);
      return readiness.status() == 200 && "UP".equals(readiness.json().path("status").asText());
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** kill -9: the JVM ends at once, nothing of the application runs. */
  synchronized void kill() {
    ready = false;
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
    log.info("Node {} killed (kill -9)", name);
  }

  /** SIGTERM: the graceful shutdown of application.yaml (jobs handed back, requests finished). @return how long it took */
  synchronized Duration stopGracefully() {
    ready = false;
    Instant started = Instant.now();
    process.destroy();
    if (!waitFor(Duration.ofSeconds(90))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
      throw new IllegalStateException("Node " + name + " did not stop within 90 s of SIGTERM");
    }
    return Duration.between(started, Instant.now());
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
