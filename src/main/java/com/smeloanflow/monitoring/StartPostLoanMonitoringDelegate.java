package com.smeloanflow.monitoring;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.LOAN_ID;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Message throw event "贷后监控已启动": starts post-loan-monitoring for the loan (business key = loan
 * id) by its start message. Starting it twice for the same loan is a no-op.
 */
@Component("startPostLoanMonitoring")
public class StartPostLoanMonitoringDelegate implements JavaDelegate {

  private final RuntimeService runtimeService;

  public StartPostLoanMonitoringDelegate(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String loanId = LOAN_ID.from(execution);
    boolean running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).count() > 0;
    if (!running) {
      runtimeService.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
          .processInstanceBusinessKey(loanId)
          .correlateStartMessage();
    }
  }
}
