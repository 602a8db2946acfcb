package com.smeloanflow.disbursement;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Failures of the sandbox core banking system on demand, for tests and demos: the core system is
 * down before it posts, or it posts and its answer is lost on the network. The next {@code times}
 * calls of {@link SandboxCoreBanking#disburse} fail that way; later calls behave normally. While it is
 * down, a look-up ({@link SandboxCoreBanking#find}) fails too and counts as one of those calls. It can also
 * be slow: the next disbursements wait before they post, as a loaded core system does.
 */
@Component
@ConditionalOnProperty(prefix = "smeloan.core-banking", name = "adapter", havingValue = "sandbox", matchIfMissing = true)
public class SandboxCoreBankingFaults {

  private final AtomicInteger failuresBeforePosting = new AtomicInteger();
  private final AtomicInteger failuresAfterPosting = new AtomicInteger();
  private final AtomicInteger slowAnswers = new AtomicInteger();
  private volatile Duration slowBy = Duration.ZERO;

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

  /** The next {@code times} disbursements wait {@code delay} before they post (and then answer normally). */
  public void answerSlowly(Duration delay, int times) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Delay must not be negative, was " + delay);
    }
    slowBy = delay;
    slowAnswers.set(requireNotNegative(times));
  }

  /** No more injected failures or delays. */
  public void reset() {
    failuresBeforePosting.set(0);
    failuresAfterPosting.set(0);
    slowAnswers.set(0);
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
