package com.smeloanflow.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** Figures of 12 months of account flows (oldest first) that the model reads. */
record FlowFigures(
    BigDecimal meanInflow,
    BigDecimal coefficientOfVariation,
    BigDecimal firstHalfMeanInflow,
    BigDecimal secondHalfMeanInflow,
    BigDecimal last3MeanInflow,
    BigDecimal previous9MeanInflow,
    BigDecimal totalInflow,
    BigDecimal totalOutflow,
    int activeMonths,
    int deficitMonths) {

  static final MathContext MC = MathContext.DECIMAL64;

  static FlowFigures of(List<BigDecimal> inflows, List<BigDecimal> outflows) {
    int months = inflows.size();
    BigDecimal totalIn = sum(inflows, 0, months);
    BigDecimal mean = totalIn.divide(BigDecimal.valueOf(months), MC);
    BigDecimal cv = null;
    if (mean.signum() > 0) {
      BigDecimal squares = BigDecimal.ZERO;
      for (BigDecimal x : inflows) {
        BigDecimal d = x.subtract(mean);
        squares = squares.add(d.multiply(d), MC);
      }
      BigDecimal stddev = squares.divide(BigDecimal.valueOf(months), MC).sqrt(MC);
      cv = stddev.divide(mean, MC);
    }
    int active = 0;
    int deficit = 0;
    for (int i = 0; i < months; i++) {
      if (inflows.get(i).signum() > 0) {
        active++;
      }
      if (outflows.get(i).compareTo(inflows.get(i)) > 0) {
        deficit++;
      }
    }
    int half = months / 2;
    return new FlowFigures(mean, cv,
        mean(inflows, 0, half), mean(inflows, half, months),
        mean(inflows, months - 3, months), mean(inflows, 0, months - 3),
        totalIn, sum(outflows, 0, months), active, deficit);
  }

  private static BigDecimal sum(List<BigDecimal> values, int from, int to) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = from; i < to; i++) {
      sum = sum.add(values.get(i));
    }
    return sum;
  }

  private static BigDecimal mean(List<BigDecimal> values, int from, int to) {
    return sum(values, from, to).divide(BigDecimal.valueOf(to - from), MC);
  }
}
