package com.smeloanflow.operations;

import com.smeloanflow.platform.StoredJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cluster's figures as one node read them ({@code cluster_figures}, one row), so that the other nodes
 * need not read them too. Each statement commits on its own: a claim is a lease with an expiry, not a lock held
 * while the figures are read.
 */
@Repository
class ClusterFiguresStore {

  /** Figures stored at {@code readAt} by {@code readBy}. */
  record Stored(ClusterFigures figures, Instant readAt, String readBy) {}

  private final JdbcClient jdbc;

  ClusterFiguresStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the next read for {@code claimant} when the stored figures were read at or before {@code staleAt} (or
   * never) and no other claim is still running at {@code now}; the claim lasts {@code lease}.
   *
   * @return whether this claimant is to read the figures now
   */
  boolean claim(String claimant, Instant now, Instant staleAt, Duration lease) {
    return jdbc.sql("""
        UPDATE cluster_figures SET claimed_by = :claimant, claimed_until = :until
        WHERE id = 1 AND (read_at IS NULL OR read_at <= :staleAt)
          AND (claimed_until IS NULL OR claimed_until <= :now OR claimed_by = :claimant)
        """)
        .param("claimant", claimant).param("until", Timestamp.from(now.plus(lease)))
        .param("staleAt", Timestamp.from(staleAt)).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** Stores figures read from {@code readAt} on and ends the claimant's claim, if it still holds one. */
  void save(ClusterFigures figures, Instant readAt, String claimant) {
    jdbc.sql("""
        UPDATE cluster_figures SET figures_json = :json, read_at = :readAt, read_by = :claimant,
          claimed_by = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_by END,
          claimed_until = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_until END
        WHERE id = 1 AND (read_at IS NULL OR read_at <= :readAt)
        """)
        .param("json", StoredJson.write(figures)).param("readAt", Timestamp.from(readAt)).param("claimant", claimant)
        .update();
  }

  /** Gives a claim up without figures (the read failed), so that the next node due need not wait for its expiry. */
  void release(String claimant) {
    jdbc.sql("UPDATE cluster_figures SET claimed_by = NULL, claimed_until = NULL WHERE id = 1 AND claimed_by = :claimant")
        .param("claimant", claimant).update();
  }

  /** The last figures any node stored, if any. */
  Optional<Stored> latest() {
    return jdbc.sql("SELECT figures_json, read_at, read_by FROM cluster_figures WHERE id = 1 AND figures_json IS NOT NULL")
        .query((rs, row) -> new Stored(StoredJson.read(rs.getString("figures_json"), ClusterFigures.class),
            rs.getTimestamp("read_at").toInstant(), rs.getString("read_by")))
        .optional();
  }
}
