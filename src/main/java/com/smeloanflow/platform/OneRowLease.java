package com.smeloanflow.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The lease by which one node per interval does a task for the cluster (reads the cluster figures, re-syncs the
 * directory's grants), kept in a one-row table (id 1): when and by whom the task was last done, and which node has
 * claimed the next run until when ({@code claimed_by}, {@code claimed_until}). Each statement commits on its own: a
 * claim is a lease with an expiry, not a lock held while the task runs, so a node that dies while running it holds
 * the others up for one lease at most.
 */
public final class OneRowLease {

  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * A lease's table: its name and the columns of when ({@code doneAt}, a timestamp with time zone) and by whom
   * ({@code doneBy}) the task was last done; names from the code, never from input.
   */
  public record Table(String name, String doneAt, String doneBy) {
    public Table {
      requireColumn(name);
      requireColumn(doneAt);
      requireColumn(doneBy);
    }
  }

  private final JdbcClient jdbc;
  private final Table table;

  public OneRowLease(JdbcClient jdbc, Table table) {
    this.jdbc = jdbc;
    this.table = table;
  }

  /**
   * Claims the next run for {@code claimant} when the last one began at or before {@code staleAt} (or never) and no
   * other claim is still running at {@code now} (the same claimant's is renewed); the claim lasts {@code lease}.
   *
   * @return whether this claimant is to run the task now
   */
  public boolean claim(String claimant, Instant now, Instant staleAt, Duration lease) {
    return jdbc.sql("UPDATE " + table.name() + " SET claimed_by = :claimant, claimed_until = :until"
            + " WHERE id = 1 AND (" + table.doneAt() + " IS NULL OR " + table.doneAt() + " <= :staleAt)"
            + " AND (claimed_until IS NULL OR claimed_until <= :now OR claimed_by = :claimant)")
        .param("claimant", claimant).param("until", Timestamp.from(now.plus(lease)))
        .param("staleAt", Timestamp.from(staleAt)).param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** Stores a run begun at {@code doneAt} and ends the claimant's claim, if it still holds one. */
  public void done(Instant doneAt, String claimant) {
    done(doneAt, claimant, Map.of());
  }

  /**
   * The same, storing the run's result with it: each column of {@code alsoSet} takes its value. A run begun before
   * the stored one stores nothing.
   */
  public void done(Instant doneAt, String claimant, Map<String, ?> alsoSet) {
    StringBuilder set = new StringBuilder();
    alsoSet.keySet().forEach(column -> set.append(requireColumn(column)).append(" = :set_").append(column).append(", "));
    StatementSpec update = jdbc.sql("UPDATE " + table.name() + " SET " + set
            + table.doneAt() + " = :doneAt, " + table.doneBy() + " = :claimant,"
            + " claimed_by = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_by END,"
            + " claimed_until = CASE WHEN claimed_by = :claimant THEN NULL ELSE claimed_until END"
            + " WHERE id = 1 AND (" + table.doneAt() + " IS NULL OR " + table.doneAt() + " <= :doneAt)")
        .param("doneAt", Timestamp.from(doneAt)).param("claimant", claimant);
    alsoSet.forEach((column, value) -> update.param("set_" + column, value));
    update.update();
  }

  /** Gives a claim up (the run failed), so that the next node due need not wait for its expiry. */
  public void release(String claimant) {
    jdbc.sql("UPDATE " + table.name() + " SET claimed_by = NULL, claimed_until = NULL WHERE id = 1 AND claimed_by = :claimant")
        .param("claimant", claimant).update();
  }

  private static String requireColumn(String name) {
    if (!COLUMN.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain table or column name: " + name);
    }
    return name;
  }
}
