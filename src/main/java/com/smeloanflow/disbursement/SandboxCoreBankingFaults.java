package com.smeloanflow.disbursement;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Failures of the sandbox core banking system on demand, for tests and demos: the core system is
 * down before it posts, or it posts and its answer is lost on the network. The next {@code times}
 * calls of {@link SandboxCoreBanking#disburse} fail that way; later calls behave normally. While it is
 * down, a look-up ({@link SandboxCoreBanking#find}) fails too and counts as one of those calls. It can also
 * be slow: the next disbursements wait before they post, as a loaded core system does, until the delay is over or
 * {@link #answerNow()} ends the wait (a test that has done what it does while core banking holds a posting open).
 */
@Component
@ConditionalOnProperty(prefix = "smeloan.core-banking", name = "adapter", havingValue = "sandbox", matchIfMissing = true)
public class SandboxCoreBankingFaults {

  private final AtomicInteger failuresBeforePosting = new AtomicInteger();
  private final AtomicInteger failuresAfterPosting = new AtomicInteger();
  private final AtomicInteger slowAnswers = new AtomicInteger();
  private volatile Duration slowBy = Duration.ZERO;
  private volatile CountDownLatch slowness = new CountDownLatch(0);

  /**
   * The core system is down for the next {@code times} calls: a disbursement fails without posting anything,
   * a look-up by key fails without an answer.
   */
  public void failBeforePosting(int times) {
    failuresBeforePosting.set(requireNotNegative(times));
  }

  /** The next {@code times} disbursements post and commit, then fail as if the answer was lost. */
  public void failAfterPosting(int times) {
    failuresAfterPosting.set(requireNotNegative(times));
  }

  /**
   * The next {@code times} disbursements wait {@code delay} (or until {@link #answerNow()}) before they post, and then
   * answer normally.
   */
  public void answerSlowly(Duration delay, int times) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Delay must not be negative, was " + delay);
    }
    slowBy = delay;
    slowness = new CountDownLatch(1);
    slowAnswers.set(requireNotNegative(times));
  }

  /** The slow core system answers now: the disbursements waiting post at once, the next ones do not wait. */
  public void answerNow() {
    slowAnswers.set(0);
    slowness.countDown();
  }

  /** No more injected failures or delays. */
  public void reset() {
    failuresBeforePosting.set(0);
    failuresAfterPosting.set(0);
    answerNow();
  }

  /** How many disbursements are still to wait before they post. */
  public int pendingSlowAnswers() {
    return slowAnswers.get();
  }

  /** How many calls (disbursements or look-ups) are still to fail as if the core system were down. */
  public int pendingFailuresBeforePosting() {
    return failuresBeforePosting.get();
  }

  /** How many disbursements are still to fail after posting. */
  public int pendingFailuresAfterPosting() {
    return failuresAfterPosting.get();
  }

  boolean takeFailureWhileDown() {
    return take(failuresBeforePosting);
  }

  /** How long this disbursement waits before it posts: the delay while slow answers are left, else zero. */
  Duration takeDelay() {
    return take(slowAnswers) ? slowBy : Duration.ZERO;
  }

  /** Waits {@code delay}, or less when {@link #answerNow()} ends the slowness first. */
  void waitOut(Duration delay) throws InterruptedException {
    slowness.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean takeFailureAfterPosting() {
    return take(failuresAfterPosting);
  }

  private static boolean take(AtomicInteger failures) {
    return failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int requireNotNegative(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("Number of failures must not be negative, was " + times);
    }
    return times;
  }
}
