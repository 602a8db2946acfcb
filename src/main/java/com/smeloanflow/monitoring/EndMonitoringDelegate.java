package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "结束贷后监控": the loan was settled or written off; its open checks and signals are cancelled. */
@Component("endPostLoanMonitoring")
public class EndMonitoringDelegate implements JavaDelegate {

  private final PostLoanMonitoringService monitoring;

  public EndMonitoringDelegate(PostLoanMonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monitoring.end(execution.getProcessBusinessKey(), "贷款已结清或核销");
  }
}
