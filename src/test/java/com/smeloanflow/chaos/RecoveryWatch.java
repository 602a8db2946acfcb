package com.smeloanflow.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the jobs a killed node held: when a node dies, every job locked by its job executor (lock
 * owner of the dead incarnation) is an orphan; once a second the watch looks whether another node has
 * taken it over (the lock owner changed) and whether it has run (the job is gone, or it failed and
 * waits for its retry). The slowest of these, measured from the kill, is the cluster's recovery time.
 */
final class RecoveryWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecoveryWatch.class);

  /** A job a dead node held, and when it was taken over and run. */
  static final class Orphan {
    final String jobId;
    final String deadOwner;
    final Instant killedAt;
    final int retries;
    volatile Instant takenOverAt;
    volatile Instant finishedAt;

    Orphan(String jobId, String deadOwner, Instant killedAt, int retries) {
      this.jobId = jobId;
      this.deadOwner = deadOwner;
      this.killedAt = killedAt;
      this.retries = retries;
    }

    Optional<Duration> takenOverAfter() {
      return Optional.ofNullable(takenOverAt).map(at -> Duration.between(killedAt, at));
    }

    Optional<Duration> finishedAfter() {
      return Optional.ofNullable(finishedAt).map(at -> Duration.between(killedAt, at));
    }
  }

  private final ChaosDatabase database;
  private final List<Orphan> orphans = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "chaos-recovery-watch");
    thread.setDaemon(true);
    return thread;
  });

  RecoveryWatch(ChaosDatabase database) {
    this.database = database;
    watcher.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
  }

  /** A node's incarnation with this lock owner died at {@code killedAt}: its locked jobs are orphans. @return how many */
  int nodeDied(String lockOwner, Instant killedAt) {
    List<Map<String, Object>> held = database.query("SELECT ID_ AS id, RETRIES_ AS retries FROM ACT_RU_JOB WHERE LOCK_OWNER_ = ?", lockOwner);
    for (Map<String, Object> job : held) {
      orphans.add(new Orphan((String) job.get("id"), lockOwner, killedAt, ((Number) job.get("retries")).intValue()));
    }
    log.info("{} died holding {} jobs", lockOwner, held.size());
    return held.size();
  }

  /** Jobs still locked by this (stopped) lock owner. */
  long stillLockedBy(String lockOwner) {
    return database.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ = ?", lockOwner);
  }

  List<Orphan> orphans() {
    return List.copyOf(orphans);
  }

  List<Orphan> unfinished() {
    return orphans.stream().filter(orphan -> orphan.finishedAt == null).toList();
  }

  Optional<Orphan> slowest() {
    return orphans.stream().filter(orphan -> orphan.finishedAt != null)
        .max(Comparator.comparing(orphan -> orphan.finishedAfter().orElseThrow()));
  }

  Duration slowestTakeOver() {
    return orphans.stream().map(orphan -> orphan.takenOverAfter().orElse(Duration.ZERO)).max(Comparator.naturalOrder())
        .orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }

  private void look() {
    List<Orphan> open = new ArrayList<>(unfinished());
    if (open.isEmpty()) {
      return;
    }
    try {
      Instant now = Instant.now();
      for (Orphan orphan : open) {
        List<Map<String, Object>> row = database.query("SELECT LOCK_OWNER_ AS owner, RETRIES_ AS retries FROM ACT_RU_JOB WHERE ID_ = ?",
            orphan.jobId);
        boolean gone = row.isEmpty();
        boolean ranAndFailed = !gone && ((Number) row.get(0).get("retries")).intValue() < orphan.retries;
        boolean otherOwner = !gone && !orphan.deadOwner.equals(row.get(0).get("owner"));
        if (orphan.takenOverAt == null && (gone || otherOwner)) {
          orphan.takenOverAt = now;
        }
        if (gone || ranAndFailed) {
          orphan.finishedAt = now;
        }
      }
    } catch (RuntimeException databaseDown) {
      // PostgreSQL restarting: look again in a second.
    }
  }
}
