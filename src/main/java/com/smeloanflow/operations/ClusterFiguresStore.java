package com.smeloanflow.operations;

import com.smeloanflow.platform.OneRowLease;
import com.smeloanflow.platform.StoredJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cluster's figures as one node read them ({@code cluster_figures}, one row), so that the other nodes
 * need not read them too: the node due claims the next read through the row's {@link OneRowLease} (a lease with an
 * expiry, not a lock held while the figures are read), as {@code identity/DirectorySyncStore} the directory's re-sync.
 */
@Repository
class ClusterFiguresStore {

  /** Figures stored at {@code readAt} by {@code readBy}. */
  record Stored(ClusterFigures figures, Instant readAt, String readBy) {}

  private final JdbcClient jdbc;
  private final OneRowLease lease;

  ClusterFiguresStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.lease = new OneRowLease(jdbc, new OneRowLease.Table("cluster_figures", "read_at", "read_by"));
  }

  /**
   * Claims the next read for {@code claimant} when the stored figures were read at or before {@code staleAt} (or
   * never) and no other claim is still running at {@code now}; the claim lasts {@code lease}.
   *
   * @return whether this claimant is to read the figures now
   */
  boolean claim(String claimant, Instant now, Instant staleAt, Duration lease) {
    return this.lease.claim(claimant, now, staleAt, lease);
  }

  /** Stores figures read from {@code readAt} on and ends the claimant's claim, if it still holds one. */
  void save(ClusterFigures figures, Instant readAt, String claimant) {
    lease.done(readAt, claimant, Map.of("figures_json", StoredJson.write(figures)));
  }

  /** Gives a claim up without figures (the read failed), so that the next node due need not wait for its expiry. */
  void release(String claimant) {
    lease.release(claimant);
  }

  /** The last figures any node stored, if any. */
  Optional<Stored> latest() {
    return jdbc.sql("SELECT figures_json, read_at, read_by FROM cluster_figures WHERE id = 1 AND figures_json IS NOT NULL")
        .query((rs, row) -> new Stored(StoredJson.read(rs.getString("figures_json"), ClusterFigures.class),
            rs.getTimestamp("read_at").toInstant(), rs.getString("read_by")))
        .optional();
  }
}
