package com.smeloanflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two transactions at once on PostgreSQL, made to meet: the first holds what it locked until a latch lets it commit,
 * and the test goes on once PostgreSQL shows the second waiting for that lock.
 */
public final class RowLockWaits {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private RowLockWaits() {
  }

  /**
   * Until {@code pg_stat_activity} shows a statement waiting for a lock.
   *
   * @param statement an SQL condition on the waiting statement's {@code query}, e.g. {@code query ILIKE '%FROM t%'}
   * @param what      what is awaited, named in the failure after 30 seconds
   */
  public static void awaitStatementWaitingForALock(JdbcClient jdbc, String statement, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND (" + statement + ")")
        .query(Long.class).single() == 0) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  /** Holds the calling transaction until the test counts {@code commit} down (at most 30 seconds). */
  public static void holdUntil(CountDownLatch commit) {
    try {
      commit.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
