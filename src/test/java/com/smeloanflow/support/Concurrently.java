package com.smeloanflow.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same call on several threads released at the same instant, e.g. a channel's retries
 * of one request: {@code Concurrently.run(8, () -> api.post(...))}.
 */
public final class Concurrently {

  private Concurrently() {}

  /** The answers of {@code threads} simultaneous calls, in thread order; a failed call fails the test. */
  public static <T> List<T> run(int threads, Callable<T> call) throws InterruptedException {
    return run(threads, java.time.Duration.ofSeconds(60), call);
  }

  /** As {@link #run(int, Callable)}, each call given up to {@code timeout}. */
  public static <T> List<T> run(int threads, java.time.Duration timeout, Callable<T> call) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> pending = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        pending.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return call.call();
        }));
      }
      if (!ready.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("Threads not ready in 10 s");
      }
      go.countDown();
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : pending) {
        try {
          answers.add(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("A concurrent call failed", e.getCause());
        } catch (TimeoutException e) {
          throw new AssertionError("A concurrent call took more than " + timeout, e);
        }
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
