package com.smeloanflow.identity;

import com.smeloanflow.platform.OneRowLease;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When some node last re-synced the directory's grants ({@code directory_sync}, one row), so that one node per interval
 * re-syncs for the cluster: a {@link OneRowLease}, as {@code operations/ClusterFiguresStore}'s.
 */
@Repository
class DirectorySyncStore {

  private final OneRowLease lease;

  DirectorySyncStore(JdbcClient jdbc) {
    this.lease = new OneRowLease(jdbc, new OneRowLease.Table("directory_sync", "synced_at", "synced_by"));
  }

  /**
   * Claims the next re-sync for {@code claimant} when the last one began at or before {@code staleAt} (or never) and
   * no other claim is still running at {@code now}; the claim lasts {@code lease}.
   *
   * @return whether this claimant is to re-sync now
   */
  boolean claim(String claimant, Instant now, Instant staleAt, Duration lease) {
    return this.lease.claim(claimant, now, staleAt, lease);
  }

  /** Stores a re-sync begun at {@code syncedAt} and ends the claimant's claim, if it still holds one. */
  void synced(Instant syncedAt, String claimant) {
    lease.done(syncedAt, claimant);
  }

  /** Gives a claim up (the re-sync failed), so that the next node due need not wait for its expiry. */
  void release(String claimant) {
    lease.release(claimant);
  }
}
