package com.smeloanflow.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of latencies, in milliseconds (nearest-rank on the sorted samples). */
record Latency(int samples, double p50, double p95, double p99, double max, double mean) {

  static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static Latency ofNanos(Collection<Long> nanos) {
    long[] values = nanos.stream().mapToLong(Long::longValue).filter(v -> v >= 0).sorted().toArray();
    if (values.length == 0) {
      return NONE;
    }
    return new Latency(values.length, ms(percentile(values, 50)), ms(percentile(values, 95)), ms(percentile(values, 99)),
        ms(values[values.length - 1]), ms((long) Arrays.stream(values).average().orElse(0)));
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e5) / 10.0;
  }

  String brief() {
    return samples == 0 ? "–" : String.format(java.util.Locale.ROOT, "%s / %s / %s", fmt(p50), fmt(p95), fmt(p99));
  }

  static String fmt(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    return ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000) : String.format(java.util.Locale.ROOT, "%.0f ms", ms);
  }
}
