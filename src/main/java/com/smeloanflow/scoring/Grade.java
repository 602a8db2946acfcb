package com.smeloanflow.scoring;

import java.math.BigDecimal;

/**
 * The grade bands of the four-dimension score: A ≥ 800, B ≥ 700, C ≥ 600, D ≥ 500, E below 500.
 * The approval-authority and loan-pricing tables key on the grade; a hard red flag makes the grade
 * E whatever the points (一票否决).
 *
 * <p>{@link #limitShare()} is the part of the enterprise's verified annual business (the annual sales, tax-reported
 * or else as declared, or the 12-month account inflows when they are lower) the bank would lend at this grade.
 */
public enum Grade {
  A(800, "0.30"),
  B(700, "0.25"),
  C(600, "0.20"),
  D(500, "0.10"),
  E(0, "0");

  private final int minScore;
  private final BigDecimal limitShare;

  Grade(int minScore, String limitShare) {
    this.minScore = minScore;
    this.limitShare = new BigDecimal(limitShare);
  }

  /** The lowest total score that reaches this grade. */
  public int minScore() {
    return minScore;
  }

  public BigDecimal limitShare() {
    return limitShare;
  }

  /** The grade band a total score of 0–1000 falls in. */
  public static Grade forScore(int totalScore) {
    if (totalScore < 0 || totalScore > Dimension.TOTAL_MAX) {
      throw new IllegalArgumentException("A total score is 0-1000, not " + totalScore);
    }
    for (Grade grade : values()) {
      if (totalScore >= grade.minScore) {
        return grade;
      }
    }
    return E;
  }
}
