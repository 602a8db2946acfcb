package com.smeloanflow.accountability;

import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bank's settings of the customer managers' performance (专项考核, {@code smeloan.performance.*}): the
 * share of a loan's interest its customer manager earns, and the non-performing tolerance (不良容忍度)
 * within which a manager is exempt from penalty.
 */
@Component
public class PerformancePolicy {

  private final BigDecimal interestShare;
  private final BigDecimal nplTolerance;

  public PerformancePolicy(@Value("${smeloan.performance.interest-share:0.05}") BigDecimal interestShare,
      @Value("${smeloan.performance.npl-tolerance:0.01}") BigDecimal nplTolerance) {
    if (interestShare.signum() < 0 || interestShare.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("smeloan.performance.interest-share must be between 0 and 1: " + interestShare);
    }
    if (nplTolerance.signum() < 0 || nplTolerance.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("smeloan.performance.npl-tolerance must be between 0 and 1: " + nplTolerance);
    }
    this.interestShare = interestShare;
    this.nplTolerance = nplTolerance;
  }

  /** The manager's share of the interest a loan earns, e.g. 0.05. */
  public BigDecimal interestShare() {
    return interestShare;
  }

  /** The non-performing tolerance as a fraction of the manager's balances, e.g. 0.01 (1 %). */
  public BigDecimal nplTolerance() {
    return nplTolerance;
  }
}
