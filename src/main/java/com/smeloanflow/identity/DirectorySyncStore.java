package com.smeloanflow.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When some node last re-synced the directory's grants ({@code directory_sync}, one row), so that one node per interval
 * re-syncs for the cluster. Each statement commits on its own: a claim is a lease with an expiry, not a lock held
 * during the re-sync (as {@code operations/ClusterFiguresStore}'s).
 */
@Repository
class DirectorySyncStore {

  private final JdbcClient jdbc;

  DirectorySyncStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the next re-sync for {@code claimant} when the last one began at or before {@code staleAt} (or never) and
   * no other claim is still running at {@code now}; the claim lasts {@code lease}.
   *
   * @return whether this claimant is to re-sync now
   */
  boolean claim(String claimant, Instant now, Instant staleAt, Duration lease) {
    return jdbc.sql("""
        UPDATE directory_sync SET claimed_by = :claimant, claimed_until = :until
        WHERE id = 1 AND (synced_at IS NULL OR synced_at <= :staleAt)
          AND (claimed_until IS NULL OR claimed_until <= :now OR claimed_by = :claimant)
        """)
        .param("claimant", claimant).param("until", Timestamp.from(now.plus(lease)))
        .param("staleAt", Timestamp.from(staleAt)).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** Stores a re-sync begun at {@code syncedAt} and ends the claimant's claim, if it still holds one. */
  void synced(Instant syncedAt, String claimant) {
    jdbc.sql("""
        UPDATE directory_sync SET synced_at = :syncedAt, synced_by = :claimant,
          claimed_by = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_by END,
          claimed_until = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_until END
        WHERE id = 1 AND (synced_at IS NULL OR synced_at <= :syncedAt)
        """)
        .param("syncedAt", Timestamp.from(syncedAt)).param("claimant", claimant)
        .update();
  }

  /** Gives a claim up (the re-sync failed), so that the next node due need not wait for its expiry. */
  void release(String claimant) {
    jdbc.sql("UPDATE directory_sync SET claimed_by = NULL, claimed_until = NULL WHERE id = 1 AND claimed_by = :claimant")
        .param("claimant", claimant).update();
  }
}
