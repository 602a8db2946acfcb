package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "登记贷后监控": the loan (business key) is put under monitoring. */
@Component("enrolLoanForMonitoring")
public class EnrolLoanDelegate implements JavaDelegate {

  private final PostLoanMonitoringService monitoring;

  public EnrolLoanDelegate(PostLoanMonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monitoring.enrol(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
  }
}
