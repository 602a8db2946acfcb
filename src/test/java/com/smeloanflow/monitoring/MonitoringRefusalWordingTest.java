package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The refusals staff read name post-loan monitoring as its process does: 贷后监控, one word in one sentence. */
class MonitoringRefusalWordingTest {

  @Test
  void aSecondEnrolmentIsRefusedInTheProcesssOwnWords() {
    assertThat(PostLoanMonitoringService.alreadyMonitored("L1", "P1").getMessage())
        .isEqualTo("借据 L1 已在贷后监控中 (流程实例 P1), 不再重复登记贷后监控 (loan L1 is already under post-loan"
            + " monitoring by process instance P1: not enrolled twice)");
  }
}
