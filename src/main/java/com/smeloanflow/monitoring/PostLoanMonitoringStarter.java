package com.smeloanflow.monitoring;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts post-loan-monitoring for a loan (business key = loan id) by its start message, once: starting it again
 * for a loan already under monitoring does nothing. Used at disbursement, for each drawdown on a credit line, and when a
 * reversed repayment reopens a settled loan ({@link PostLoanMonitoringService#loanReopened}).
 */
@Component
public class PostLoanMonitoringStarter {

  private final RuntimeService runtimeService;

  public PostLoanMonitoringStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  public void start(String loanId) {
    boolean running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).count() > 0;
    if (!running) {
      runtimeService.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
          .processInstanceBusinessKey(loanId)
          .correlateStartMessage();
    }
  }
}
