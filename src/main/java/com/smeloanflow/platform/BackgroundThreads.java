package com.smeloanflow.platform;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a stage runs work on beside the caller's (the daily close, the cluster figures, the dashboard's
 * sections), and the way that work's result or failure comes back to the caller.
 *
 * <p>The threads are daemons with the stage's name, so that a thread dump says whose they are and a stopping JVM
 * does not wait for them; each owner still stops its executor when the application stops.
 */
public final class BackgroundThreads {

  private BackgroundThreads() {}

  /** Daemon threads all named {@code name}: for an executor of one thread. */
  public static ThreadFactory named(String name) {
    return work -> daemon(work, name);
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … in the order they are made: for a pool. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger made = new AtomicInteger();
    return work -> daemon(work, prefix + "-" + made.incrementAndGet());
  }

  /**
   * Waits for the work and gives its result; its failure is thrown as it was thrown (a runtime exception or an
   * error, not wrapped), so that the caller's error handling applies as if it had run on the caller's thread.
   *
   * @param what what the work is, for the message when the caller is interrupted while it waits
   * @throws IllegalStateException when the caller is interrupted (its interrupt flag is set again), or when the work
   *     failed with a checked exception (the cause)
   */
  public static <T> T resultOf(Future<T> work, String what) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what + " ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw new IllegalStateException(what + " failed", e.getCause());
    }
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
  }
}
