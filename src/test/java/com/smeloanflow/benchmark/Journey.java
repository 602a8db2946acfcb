package com.smeloanflow.benchmark;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One client's way through the application (an applicant's loan, a bare-engine instance, one
 * intake request), driven asynchronously so the open model never waits for it. It records when
 * each milestone became visible to the client, relative to the moment it was <em>meant</em> to
 * start (so a late start of the load generator counts against the latency, not for it), and how
 * often it had to retry.
 */
abstract class Journey {

  /**
   * Polling and retrying as a channel would: every {@code pollMillis} during the journey's first
   * second, every 5 × that up to 5 s, then every 20 × (a second at the default). A milestone is seen
   * at most one interval late; a backlog does not multiply the polling.
   */
  record Pace(int pollMillis, long timeoutNanos) {
    long intervalMillis(long elapsedNanos) {
      if (elapsedNanos < 1_000_000_000L) {
        return pollMillis;
      }
      return elapsedNanos < 5_000_000_000L ? 5L * pollMillis : 20L * pollMillis;
    }
  }

  protected final Http http;
  protected final ScheduledExecutorService timer;
  protected final Pace pace;
  final Map<String, Long> milestones = new ConcurrentHashMap<>();
  final Map<String, Integer> retries = new ConcurrentHashMap<>();
  long intendedStart;
  long end;
  volatile String failure;
  volatile boolean abandoned;

  Journey(Http http, ScheduledExecutorService timer, Pace pace) {
    this.http = http;
    this.timer = timer;
    this.pace = pace;
  }

  /** Runs the journey; completes when it reached its end, exceptionally when it failed. */
  protected abstract CompletableFuture<?> run();

  /** Name of the milestone that ends the journey (its end-to-end latency). */
  abstract String endMilestone();

  final CompletableFuture<Journey> start(long intendedStartNanos) {
    this.intendedStart = intendedStartNanos;
    CompletableFuture<?> running;
    try {
      running = run();
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    return running.handle((ignored, error) -> {
      end = System.nanoTime();
      if (error != null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        failure = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      } else {
        mark(endMilestone());
      }
      return this;
    });
  }

  boolean succeeded() {
    return failure == null && milestones.containsKey(endMilestone());
  }

  /** Nanoseconds from the intended start to the milestone, or -1 when it was not reached. */
  long latency(String milestone) {
    Long at = milestones.get(milestone);
    return at == null ? -1 : at - intendedStart;
  }

  protected void mark(String milestone) {
    milestones.putIfAbsent(milestone, System.nanoTime());
  }

  protected void retried(String what) {
    retries.merge(what, 1, Integer::sum);
  }

  /**
   * Sends the request until {@code done} accepts the answer, {@link Pace} apart; every
   * answer not accepted counts as a retry of {@code what}. No chain of futures grows with the number
   * of polls.
   */
  protected CompletableFuture<Http.Reply> until(String what, Supplier<CompletableFuture<Http.Reply>> request,
      Predicate<Http.Reply> done) {
    CompletableFuture<Http.Reply> result = new CompletableFuture<>();
    attempt(what, request, done, result);
    return result;
  }

  private void attempt(String what, Supplier<CompletableFuture<Http.Reply>> request, Predicate<Http.Reply> done,
      CompletableFuture<Http.Reply> result) {
    request.get().whenComplete((reply, error) -> {
      try {
        if (error != null) {
          result.completeExceptionally(error);
        } else if (done.test(reply)) {
          result.complete(reply);
        } else if (abandoned) {
          result.completeExceptionally(new IllegalStateException("abandoned while waiting for " + what + " (last answer " + reply + ")"));
        } else if (System.nanoTime() - intendedStart > pace.timeoutNanos()) {
          result.completeExceptionally(new IllegalStateException("timed out waiting for " + what + " (last answer " + reply + ")"));
        } else {
          retried(what);
          timer.schedule(() -> attempt(what, request, done, result), pace.intervalMillis(System.nanoTime() - intendedStart),
              TimeUnit.MILLISECONDS);
        }
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
  }

  /** Fails the journey unless the answer has the expected status. */
  protected static Http.Reply expect(Http.Reply reply, int status, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + ": expected " + status + ", got " + reply);
    }
    return reply;
  }
}
