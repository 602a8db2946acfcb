package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The cycle times' percentiles: nearest rank, in hours with one decimal, over the filled part of the array. */
class CycleTimePercentilesTest {

  private static final long HOUR = 3600;

  @Test
  void tenStretchesOfOneToTenHoursHaveTheirMedianAtFiveAndTheirNinetiethPercentileAtNine() {
    long[] seconds = {HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 5 * HOUR, 6 * HOUR, 7 * HOUR, 8 * HOUR, 9 * HOUR, 10 * HOUR, 0, 0};

    assertThat(DashboardService.percentileHours(seconds, 10, 50)).isEqualTo(new BigDecimal("5.0"));
    assertThat(DashboardService.percentileHours(seconds, 10, 90)).isEqualTo(new BigDecimal("9.0"));
  }

  @Test
  void oneStretchIsEveryPercentileAndNoStretchHasNone() {
    long[] seconds = {90 * 60, 0};

    assertThat(DashboardService.percentileHours(seconds, 1, 50)).isEqualTo(new BigDecimal("1.5"));
    assertThat(DashboardService.percentileHours(seconds, 1, 90)).isEqualTo(new BigDecimal("1.5"));
    assertThat(DashboardService.percentileHours(seconds, 0, 50)).isNull();
  }

  @Test
  void aStretchOfTwentyMinutesRoundsToThreeTenthsOfAnHour() {
    assertThat(DashboardService.percentileHours(new long[] {20 * 60}, 1, 50)).isEqualTo(new BigDecimal("0.3"));
  }
}
