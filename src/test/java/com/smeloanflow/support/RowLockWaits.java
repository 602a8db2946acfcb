package com.smeloanflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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

  /** What two transactions made to meet came to: the first's result, and the second's ({@code "done"} or its exception). */
  public record Met<T>(T first, Object second) {}

  /**
   * Two transactions made to meet in one order: {@code first} runs in a transaction of its own, takes what
   * {@code lockFirst} locks and pauses; {@code second} (e.g. a job the engine executes, in its own transaction) starts,
   * and once PostgreSQL shows a statement {@code waiting} for a lock (as {@link #awaitStatementWaitingForALock}),
   * {@code first} goes on with {@code then} and commits; then {@code second} ends.
   */
  public static <T> Met<T> meet(TransactionTemplate transaction, Runnable lockFirst, Supplier<T> then, Runnable second,
      JdbcClient jdbc, String waiting, String what) throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    ExecutorService firstThread = Executors.newSingleThreadExecutor();
    try {
      Future<T> first = firstThread.submit(() -> transaction.execute(status -> {
        lockFirst.run();
        locked.countDown();
        holdUntil(goOn);
        return then.get();
      }));
      assertThat(locked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first transaction holding its lock").isTrue();
      CompletableFuture<Object> secondEnded = CompletableFuture.supplyAsync(() -> {
        try {
          second.run();
          return "done";
        } catch (RuntimeException e) {
          return e;
        }
      });
      awaitStatementWaitingForALock(jdbc, waiting, what);
      goOn.countDown();
      T firstResult = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      return new Met<>(firstResult, secondEnded.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    } finally {
      goOn.countDown();
      firstThread.shutdownNow();
    }
  }
}
