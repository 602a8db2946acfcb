package com.smeloanflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.smeloanflow.chaos.ChaosDatabase.TableLock;
import com.smeloanflow.chaos.RecoveryWatch.Orphan;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.DailyCloseRun;
import com.smeloanflow.servicing.PenaltyInterest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The kill test (README, "Running a cluster"; {@code ./mvnw -Pchaos verify}, not part of the normal
 * build). Two nodes of the built jar, each a JVM of its own, share one PostgreSQL. A constant load runs
 * through them: AUTO and SINGLE applications (the channel submits and reports signatures, staff claim
 * and complete their tasks over the engine REST API), core banking's repayments on the AUTO loans
 * (some reported twice) and the daily close of successive business dates. Meanwhile the harness kills
 * one node ({@code kill -9}) at least 20 times and starts it again, at a random moment, inside the
 * core-banking posting (held there by a lock on the ledger) or inside a chunk of the daily close (held
 * by a lock on its progress), plus injected core-banking failures, graceful stops and PostgreSQL
 * restarts under load. At the end every application must be DISBURSED once, with no duplicate
 * posting, every repayment stored once and allocated in full, every business date closed once with
 * each loan's penalty interest accrued once a day, no incident, and every job a dead node held run
 * within lock time + 2 × the job executor's longest acquisition wait. The figures go to
 * target/chaos/report.md.
 *
 * <p>Settings (system properties): {@code chaos.kills} (20), {@code chaos.seed} (random; the report
 * gives it), {@code chaos.autoInterval} (PT4S), {@code chaos.singleInterval} (PT12S),
 * {@code chaos.repaymentInterval} (PT6S), {@code chaos.closeInterval} (PT15S), {@code chaos.closeLease}
 * (PT2M: the daily close's lease on the nodes, production PT10M).
 */
@Tag("chaos")
class ClusterKillIT {

  private static final Logger log = LoggerFactory.getLogger(ClusterKillIT.class);
  private static final Path WORK = Path.of("target", "chaos");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration HOLD_IN_POSTING_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HOLD_IN_CLOSE_TIMEOUT = Duration.ofSeconds(60);
  private static final String DAILY_CLOSE_RUN = "daily_close_run";
  /** A statement of the daily close inside a chunk's transaction (its counts, its cursor), after the chunk's work. */
  private static final Pattern IN_CHUNK = Pattern.compile(
      "loans_closed\\s*=\\s*loans_closed|collection_loans\\s*=\\s*collection_loans|chunks\\s*=\\s*chunks", Pattern.CASE_INSENSITIVE);

  private enum Moment {
    RANDOM("a random moment"),
    BEFORE_POSTING("inside the posting, before core banking booked it (sandbox_core_posting insert held)"),
    AFTER_POSTING("inside the posting, after core banking booked it, before the engine committed (disbursement_posting insert held)"),
    DAILY_CLOSE("inside the daily close, after some chunks of the date committed, a chunk's work done and not committed"
        + " (daily_close_run held)");

    final String description;

    Moment(String description) {
      this.description = description;
    }
  }

  @Test
  void clusterLosesNoApplicationAndPaysEachLoanOnceWhileNodesAreKilledAndPostgresRestarts() throws Exception {
    int kills = Integer.getInteger("chaos.kills", 20);
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    Random random = new Random(seed);
    Duration lockTime = Duration.ofMillis(setting("camunda.bpm.job-execution.lock-time-in-millis"));
    Duration maxWait = Duration.ofMillis(setting("camunda.bpm.job-execution.max-wait"));
    Duration recoveryBound = lockTime.plus(maxWait.multipliedBy(2));
    Duration closeLease = Duration.parse(System.getProperty("chaos.closeLease", "PT2M"));
    String coreBankingSecret = secret();
    ChaosReport report = new ChaosReport();
    report.setup.put("seed", seed + " (-Dchaos.seed=" + seed + " repeats the choices, not the timing)");
    report.setup.put("nodes", "2 JVMs of " + jar().getFileName() + ", profiles demo,postgres, one embedded PostgreSQL 14");
    report.setup.put("job executor", "lock time " + ChaosReport.seconds(lockTime) + ", max wait " + ChaosReport.seconds(maxWait)
        + " (application.yaml); recovery bound lock time + 2 × max wait = " + ChaosReport.seconds(recoveryBound));
    report.setup.put("daily close", "lease of its lock " + ChaosReport.seconds(closeLease) + " on the nodes (production "
        + textSetting("smeloan.daily-close.lease") + "): a close whose node died resumes on another node once the lease has run out");
    report.setup.put("system users", "core-banking logs in with SMELOAN_CORE_BANKING_SECRET (random, "
        + coreBankingSecret.length() + " characters, new each run); channel, monitoring and staff with the demo's password");

    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    GreenMail mailServer = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mailServer.start();
    ChaosDatabase database = new ChaosDatabase(WORK.resolve("pgdata").toAbsolutePath(), freePort());
    database.start();
    List<ChaosScenario> scenarios = List.of(
        LoanApplicationScenario.auto(Duration.parse(System.getProperty("chaos.autoInterval", "PT4S"))),
        LoanApplicationScenario.single(Duration.parse(System.getProperty("chaos.singleInterval", "PT12S"))),
        new RepaymentScenario(database, Duration.parse(System.getProperty("chaos.repaymentInterval", "PT6S")),
            new Random(random.nextLong())),
        new DailyCloseScenario(database, Duration.parse(System.getProperty("chaos.closeInterval", "PT15S")),
            LocalDate.now(BusinessClock.BANK_ZONE).plusMonths(1).minusDays(2),
            new PenaltyInterest(new BigDecimal(textSetting("smeloan.servicing.penalty-uplift-percent")))));
    scenarios.forEach(scenario -> report.setup.put("load " + scenario.name(), scenario.describeLoad()));
    ClusterNode.Setup setup = new ClusterNode.Setup(jar(), WORK.toAbsolutePath(), database.jdbcUrl(), mailServer.getSmtp().getPort(),
        coreBankingSecret, closeLease);
    List<ClusterNode> nodes = List.of(new ClusterNode("node-a", freePort(), setup), new ClusterNode("node-b", freePort(), setup));
    Instant begin = Instant.now();
    List<Duration> outages = new ArrayList<>();
    List<Instant[]> outageWindows = new ArrayList<>();
    int gracefulStops = 0;
    long leftLockedAfterGracefulStop = 0;
    int faultsInjected = 0;
    try (RecoveryWatch watch = new RecoveryWatch(database)) {
      for (ClusterNode node : nodes) {
        node.start();
        Duration ready = node.awaitReady(START_TIMEOUT);
        report.event(Duration.between(begin, Instant.now()), node.name() + " ready after " + ChaosReport.seconds(ready));
      }
      ClusterClient cluster = new ClusterClient(nodes, random);
      try (LoadGenerator load = new LoadGenerator(cluster, database, scenarios)) {
        load.start();
        Instant lastKill = Instant.now();
        List<KillRecord> killRecords = new ArrayList<>();
        for (int number = 1; number <= kills; number++) {
          ClusterNode.pause(Duration.ofMillis(5_000 + random.nextInt(35_000)));
          if (random.nextInt(10) < 3) {
            ClusterNode target = nodes.get(random.nextInt(nodes.size()));
            String fault = random.nextBoolean() ? "{\"failBeforePosting\":1,\"failAfterPosting\":0}"
                : "{\"failBeforePosting\":0,\"failAfterPosting\":1}";
            if (target.api().send("PUT", "/api/sandbox/core-banking/faults", "admin", "demo", fault).status() == 200) {
              faultsInjected++;
              report.event(Duration.between(begin, Instant.now()), "core banking on " + target.name() + " fails once: " + fault);
            }
          }
          if (number == kills / 3 || number == 2 * kills / 3) {
            Instant down = Instant.now();
            database.stop();
            boolean outOfRotation = awaitNoneReady(nodes, Duration.ofSeconds(10));
            ClusterNode.pause(Duration.ofSeconds(10));
            database.start();
            if (!outOfRotation) {
              report.problems.add("a node's readiness stayed UP while PostgreSQL was down");
            }
            Duration reconnected = awaitAllReady(nodes, START_TIMEOUT);
            Instant up = Instant.now();
            outageWindows.add(new Instant[] {down, up});
            outages.add(Duration.between(down, up));
            report.event(Duration.between(begin, down), "PostgreSQL stopped for 10 s under load; both nodes ready again "
                + ChaosReport.seconds(Duration.between(down, up)) + " after the stop (" + ChaosReport.seconds(reconnected)
                + " after the restart)");
          }
          if (number % 7 == 0) {
            ClusterNode stopping = nodes.get(random.nextInt(nodes.size()));
            String owner = stopping.lockOwner();
            Duration took = stopping.stopGracefully();
            long left = watch.stillLockedBy(owner);
            leftLockedAfterGracefulStop += left;
            gracefulStops++;
            stopping.start();
            Duration restarted = stopping.awaitReady(START_TIMEOUT);
            report.event(Duration.between(begin, Instant.now()), stopping.name() + " stopped gracefully (SIGTERM) in "
                + ChaosReport.seconds(took) + ", jobs left locked by it: " + left + "; ready again after " + ChaosReport.seconds(restarted));
          }
          Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
          KillRecord kill = kill(number, moment, nodes, database, watch, random);
          lastKill = kill.killedAt;
          kill.restart = kill.victim.awaitReady(START_TIMEOUT);
          kill.at = Duration.between(begin, kill.killedAt);
          killRecords.add(kill);
        }
        load.stopStarting();
        report.event(Duration.between(begin, Instant.now()), "kills done; no new applications; waiting for the open ones");

        // A close killed half-way waits for its lease; a job held by a killed node for its lock time.
        Instant deadline = lastKill.plus(recoveryBound.compareTo(closeLease) > 0 ? recoveryBound : closeLease).plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline) && (load.unfinished() > 0 || !watch.unfinished().isEmpty() || mailsWaiting(database) > 0)) {
          ClusterNode.pause(Duration.ofSeconds(5));
        }
        Duration runTime = Duration.between(begin, Instant.now());

        for (KillRecord kill : killRecords) {
          List<Orphan> held = watch.orphans().stream().filter(orphan -> orphan.deadOwner.equals(kill.lockOwner)).toList();
          Duration recovery = held.stream().map(orphan -> orphan.finishedAfter().orElse(runTime)).max(Comparator.naturalOrder())
              .orElse(Duration.ZERO);
          report.kills.add(new ChaosReport.Kill(kill.number, kill.at, kill.victim.name(), kill.moment.description + kill.note,
              held.size(), recovery, kill.restart));
        }
        check(report, database, load, watch, recoveryBound, outageWindows, mailServer);
        checkClosesKilledHalfWay(report, database, killRecords);
        checkMetrics(report, database, nodes);
        report.outcome.put("run time", ChaosReport.seconds(runTime));
        report.outcome.put("kills (kill -9)", killRecords.size() + " (" + Stream.of(Moment.values())
            .map(m -> killRecords.stream().filter(k -> k.moment == m).count() + " " + m.name()).reduce((a, b) -> a + ", " + b).orElse("")
            + ")");
        report.outcome.put("graceful stops (SIGTERM)", gracefulStops + "; jobs left locked by a stopped node: " + leftLockedAfterGracefulStop);
        report.outcome.put("PostgreSQL restarts under load", outages.size() + "; nodes ready again after at most "
            + ChaosReport.seconds(outages.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO)));
        report.outcome.put("core-banking failures injected", String.valueOf(faultsInjected));
        report.outcome.put("requests sent again to the other node", String.valueOf(cluster.failedAttempts()));
        report.outcome.put("outside-world steps repeated", String.valueOf(load.stepsRepeated()));
        report.outcome.put("staff tasks completed over /engine-rest", String.valueOf(load.tasksCompleted()));
        List<Duration> restarts = killRecords.stream().map(k -> k.restart).sorted().toList();
        report.outcome.put("node restart to ready (median / max)", ChaosReport.seconds(restarts.get(restarts.size() / 2)) + " / "
            + ChaosReport.seconds(restarts.get(restarts.size() - 1)));
      }
    } finally {
      for (ClusterNode node : nodes) {
        if (node.alive()) {
          node.kill();
        }
      }
      report.write(WORK.resolve("report.md"));
      database.close();
      mailServer.stop();
    }
    log.info("Kill test report: {}", WORK.resolve("report.md").toAbsolutePath());
    assertThat(report.problems).as("problems (target/chaos/report.md)").isEmpty();
    assertThat(report.kills).hasSizeGreaterThanOrEqualTo(kills);
  }

  /** One kill and what the test learns about it. */
  private static final class KillRecord {
    int number;
    Moment moment;
    String note = "";
    ClusterNode victim;
    String lockOwner;
    Instant killedAt;
    Duration at;
    Duration restart;
    /** The business date whose close the kill interrupted ({@link Moment#DAILY_CLOSE}), else null. */
    LocalDate closeDate;
  }

  /** Kills a node at the moment asked for, notes the jobs it held, and starts it again (without waiting). */
  private static KillRecord kill(int number, Moment moment, List<ClusterNode> nodes, ChaosDatabase database, RecoveryWatch watch,
      Random random) {
    KillRecord kill = new KillRecord();
    kill.number = number;
    kill.moment = moment;
    if (moment == Moment.RANDOM) {
      kill.victim = nodes.get(random.nextInt(nodes.size()));
      killNow(kill, watch);
    } else if (moment == Moment.DAILY_CLOSE) {
      killInDailyClose(kill, nodes, database, watch, random);
    } else {
      String table = moment == Moment.BEFORE_POSTING ? "sandbox_core_posting" : "disbursement_posting";
      try (TableLock lock = database.lockAgainstWrites(table)) {
        Instant until = Instant.now().plus(HOLD_IN_POSTING_TIMEOUT);
        while (kill.victim == null && Instant.now().isBefore(until)) {
          Set<String> waiting = new HashSet<>(database.nodesWaitingToInsertInto(table));
          kill.victim = nodes.stream().filter(node -> waiting.contains(node.name())).findFirst().orElse(null);
          if (kill.victim == null) {
            ClusterNode.pause(Duration.ofMillis(200));
          }
        }
        if (kill.victim == null) {
          kill.note = " (no posting within " + HOLD_IN_POSTING_TIMEOUT.toSeconds() + " s: killed at that moment instead)";
          kill.victim = nodes.get(random.nextInt(nodes.size()));
        }
        killNow(kill, watch);
      }
    }
    kill.victim.start();
    return kill;
  }

  /**
   * Kills the node running the daily close inside a chunk, after some chunks of the date committed. A
   * SHARE lock on {@code daily_close_run} stops every write of the close's progress: each time a node
   * waits on it, the lock is let go and taken again, which lets that one statement's transaction commit
   * (the date's start, or one chunk with its progress) — until 1 to 4 chunks have passed; the next chunk,
   * its ledger or collection work done and its progress not yet written, is where the node dies.
   */
  private static void killInDailyClose(KillRecord kill, List<ClusterNode> nodes, ChaosDatabase database, RecoveryWatch watch,
      Random random) {
    int chunksFirst = 1 + random.nextInt(4);
    int chunksLetThrough = 0;
    Instant until = Instant.now().plus(HOLD_IN_CLOSE_TIMEOUT);
    TableLock lock = database.lockAgainstWrites(DAILY_CLOSE_RUN);
    try {
      while (kill.victim == null && Instant.now().isBefore(until)) {
        Optional<ChaosDatabase.Waiter> waiting = database.waitersOn(DAILY_CLOSE_RUN).stream().findFirst();
        if (waiting.isEmpty()) {
          ClusterNode.pause(Duration.ofMillis(100));
          continue;
        }
        boolean inChunk = IN_CHUNK.matcher(waiting.get().statement()).find();
        if (inChunk && chunksLetThrough >= chunksFirst) {
          kill.victim = nodes.stream().filter(node -> node.name().equals(waiting.get().node())).findFirst().orElseThrow();
          Map<String, Object> run = database.query("SELECT business_date, chunks FROM daily_close_run WHERE status = ?"
              + " ORDER BY business_date", DailyCloseRun.RUNNING).get(0);
          kill.closeDate = ((Date) run.get("business_date")).toLocalDate();
          kill.note = " (close of " + kill.closeDate + ": " + run.get("chunks") + " chunks committed, the next one held)";
          killNow(kill, watch);
        } else {
          lock.close();
          lock = database.lockAgainstWrites(DAILY_CLOSE_RUN);
          if (inChunk) {
            chunksLetThrough++;
          }
        }
      }
    } finally {
      lock.close();
    }
    if (kill.victim == null) {
      kill.note = " (no daily close within " + HOLD_IN_CLOSE_TIMEOUT.toSeconds() + " s: killed at that moment instead)";
      kill.victim = nodes.get(random.nextInt(nodes.size()));
      killNow(kill, watch);
    }
  }

  private static void killNow(KillRecord kill, RecoveryWatch watch) {
    kill.lockOwner = kill.victim.lockOwner();
    kill.victim.kill();
    kill.killedAt = Instant.now();
    watch.nodeDied(kill.lockOwner, kill.killedAt);
  }

  private static void check(ChaosReport report, ChaosDatabase database, LoadGenerator load, RecoveryWatch watch, Duration bound,
      List<Instant[]> outageWindows, GreenMail mailServer) {
    Set<String> tracked = new HashSet<>();
    load.cases().forEach((scenario, ids) -> {
      tracked.addAll(ids);
      long finished = ids.stream().filter(id -> {
        List<String> wrong = scenario.check(database, id);
        wrong.forEach(problem -> report.problems.add(scenario.name() + " " + id + ": " + problem));
        return wrong.isEmpty();
      }).count();
      report.outcome.put(scenario.figure(), scenario.tally(ids.size(), finished));
      scenario.checkTogether(database, ids, report);
    });
    database.query("SELECT application_id, status FROM case_file").stream()
        .filter(row -> !tracked.contains((String) row.get("application_id")))
        .forEach(row -> report.problems.add("application " + row.get("application_id") + " (" + row.get("status")
            + ") was created, but the channel never got its id"));
    long duplicates = database.count("SELECT COUNT(*) FROM (SELECT application_id FROM sandbox_core_posting "
        + "GROUP BY application_id HAVING COUNT(*) > 1) d");
    report.outcome.put("applications", String.valueOf(tracked.size()));
    report.outcome.put("core-banking postings (ledger)", String.valueOf(database.count("SELECT COUNT(*) FROM sandbox_core_posting")));
    report.outcome.put("duplicate postings (applications posted more than once)", String.valueOf(duplicates));
    report.outcome.put("disbursement_posting rows", String.valueOf(database.count("SELECT COUNT(*) FROM disbursement_posting")));
    if (duplicates > 0) {
      report.problems.add(duplicates + " applications posted more than once in the core-banking ledger");
    }
    long incidents = database.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT");
    report.outcome.put("incidents (none injected)", String.valueOf(incidents));
    if (incidents > 0) {
      database.query("SELECT INCIDENT_TYPE_ AS type, ACTIVITY_ID_ AS activity, INCIDENT_MSG_ AS message FROM ACT_RU_INCIDENT")
          .forEach(incident -> report.problems.add("incident " + incident));
    }
    List<Orphan> orphans = watch.orphans();
    Optional<Orphan> slowest = watch.slowest();
    report.outcome.put("jobs held by killed nodes (orphans)", orphans.size() + ", of which not run by the end: " + watch.unfinished().size());
    report.outcome.put("slowest orphan taken over / run (after the kill)", ChaosReport.seconds(watch.slowestTakeOver()) + " / "
        + slowest.flatMap(Orphan::finishedAfter).map(ChaosReport::seconds).orElse("-") + " (bound " + ChaosReport.seconds(bound) + ")");
    report.outcome.put("slowest recovery (kill → its last orphan run)", ChaosReport.seconds(report.slowestRecovery()));
    watch.unfinished().forEach(orphan -> report.problems.add("job " + orphan.jobId + " held by " + orphan.deadOwner + " never ran"));
    Duration slowestCounted = Duration.ZERO;
    for (Orphan orphan : orphans) {
      Duration after = orphan.finishedAfter().orElse(Duration.ZERO);
      boolean overlapsOutage = outageWindows.stream()
          .anyMatch(window -> !window[0].isAfter(orphan.killedAt.plus(bound)) && !window[1].isBefore(orphan.killedAt));
      if (!overlapsOutage && after.compareTo(slowestCounted) > 0) {
        slowestCounted = after;
      }
      if (after.compareTo(bound) > 0) {
        String problem = "job " + orphan.jobId + " held by " + orphan.deadOwner + " ran " + ChaosReport.seconds(after)
            + " after the kill, over the bound of " + ChaosReport.seconds(bound);
        if (overlapsOutage) {
          report.events.add(problem + " (its wait overlapped a PostgreSQL restart, not counted)");
        } else {
          report.problems.add(problem);
        }
      }
    }
    report.outcome.put("slowest orphan run, waits overlapping no PostgreSQL restart (bound " + ChaosReport.seconds(bound) + ")",
        ChaosReport.seconds(slowestCounted));
    Map<String, Object> mails = database.query("""
        SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END) AS sent,
               SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed FROM mail_outbox""").get(0);
    report.outcome.put("applicant and borrower mails (outbox: queued / sent / failed; SMTP server received)", mails.get("total") + " / "
        + mails.get("sent") + " / " + mails.get("failed") + "; " + mailServer.getReceivedMessages().length
        + " (at least once: a mail a node sent just before it was killed goes out again)");
    if (((Number) mails.get("failed")).longValue() > 0 || mailsWaiting(database) > 0) {
      report.problems.add("mails not sent: " + mails);
    }
  }

  /**
   * What operations see: each node's /actuator/prometheus (saved as target/chaos/prometheus-<node>.txt) shows the
   * cluster's disbursements as the ledger has them, once its figures are refreshed (every 30 s).
   */
  private static void checkMetrics(ChaosReport report, ChaosDatabase database, List<ClusterNode> nodes) throws IOException {
    long disbursed = database.count("SELECT COUNT(*) FROM disbursement_posting");
    for (ClusterNode node : nodes) {
      String scrape = "";
      Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
      while (Instant.now().isBefore(deadline) && disbursements(scrape) != disbursed) {
        scrape = node.api().send("GET", "/actuator/prometheus", "monitoring", "demo", null, "Accept", "text/plain").body();
        ClusterNode.pause(Duration.ofSeconds(1));
      }
      Files.writeString(WORK.resolve("prometheus-" + node.name() + ".txt"), scrape);
      if (disbursements(scrape) != disbursed) {
        report.problems.add(node.name() + "'s /actuator/prometheus does not show the " + disbursed + " disbursements");
      }
    }
    report.outcome.put("/actuator/prometheus of each node", "smeloan_disbursements_total = " + disbursed + " (the ledger's count)");
    long cleanupJobs = database.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'history-cleanup'");
    report.outcome.put("history cleanup jobs (one for the cluster, after every restart)", String.valueOf(cleanupJobs));
    if (cleanupJobs != 1) {
      report.problems.add(cleanupJobs + " history cleanup jobs, expected 1");
    }
  }

  /** The value of smeloan_disbursements_total in a scrape; -1 when it has none. */
  private static long disbursements(String scrape) {
    return scrape.lines().filter(line -> line.startsWith("smeloan_disbursements_total"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
  }

  private static long mailsWaiting(ChaosDatabase database) {
    try {
      return database.count("SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'");
    } catch (RuntimeException databaseDown) {
      return 1;
    }
  }

  /** Whether every node's readiness probe turns not-UP within the time (the database is down). */
  private static boolean awaitNoneReady(List<ClusterNode> nodes, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (nodes.stream().noneMatch(ClusterNode::probeReady)) {
        return true;
      }
      ClusterNode.pause(Duration.ofMillis(500));
    }
    return false;
  }

  private static Duration awaitAllReady(List<ClusterNode> nodes, Duration timeout) {
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (nodes.stream().allMatch(ClusterNode::probeReady)) {
        return Duration.between(started, Instant.now());
      }
      ClusterNode.pause(Duration.ofSeconds(1));
    }
    throw new IllegalStateException("Nodes not ready again " + timeout + " after PostgreSQL restarted");
  }

  /**
   * Each close a kill interrupted half-way was resumed on a node (one more attempt), went on from its last
   * committed chunk and completed; that it closed each loan once is the daily close scenario's check of the date.
   */
  private static void checkClosesKilledHalfWay(ChaosReport report, ChaosDatabase database, List<KillRecord> kills) {
    List<String> resumed = new ArrayList<>();
    for (KillRecord kill : kills) {
      if (kill.closeDate == null) {
        continue;
      }
      Map<String, Object> run = database.query("SELECT status, attempts, node, finished_at FROM daily_close_run WHERE business_date = ?",
          kill.closeDate).get(0);
      Object finished = run.get("finished_at");
      String after = finished == null ? "not completed"
          : "completed " + ChaosReport.seconds(Duration.between(kill.killedAt, ((Timestamp) finished).toInstant()))
              + " after the kill";
      resumed.add(kill.closeDate + " (kill " + kill.number + "): attempt " + run.get("attempts") + " on " + run.get("node") + ", " + after);
      if (!DailyCloseRun.COMPLETED.equals(run.get("status")) || ((Number) run.get("attempts")).intValue() < 2) {
        report.problems.add("the close of " + kill.closeDate + ", killed half-way, is " + run.get("status") + " after "
            + run.get("attempts") + " attempts");
      }
    }
    report.outcome.put("daily closes killed half-way and resumed", resumed.isEmpty() ? "0" : resumed.size() + ": "
        + String.join("; ", resumed));
  }

  /** A number from application.yaml, as every node reads it. */
  private static long setting(String name) throws IOException {
    return Long.parseLong(textSetting(name));
  }

  /** A setting from application.yaml, as every node reads it. */
  private static String textSetting(String name) throws IOException {
    List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yaml",
        new FileSystemResource("src/main/resources/application.yaml"));
    return String.valueOf(documents.get(0).getProperty(name));
  }

  /** A system user's secret for one run: 32 random bytes, URL-safe Base64 (43 characters). */
  private static String secret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("chaos.jar", "target/sme-loan-flow-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the application's jar (./mvnw -Pchaos verify builds it first)").exists();
    return jar;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
