package com.smeloanflow.monitoring;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.LOAN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Message throw event "贷后监控已启动": starts post-loan-monitoring for the loan (business key = loan
 * id) by its start message. Starting it twice for the same loan is a no-op.
 */
@Component("startPostLoanMonitoring")
public class StartPostLoanMonitoringDelegate implements JavaDelegate {

  private final PostLoanMonitoringStarter starter;

  public StartPostLoanMonitoringDelegate(PostLoanMonitoringStarter starter) {
    this.starter = starter;
  }

  @Override
  public void execute(DelegateExecution execution) {
    starter.start(LOAN_ID.from(execution));
  }
}
