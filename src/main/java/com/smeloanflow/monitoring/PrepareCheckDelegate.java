package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Variables.BRANCH_CODE;
import static com.smeloanflow.process.PostLoanCheckProcess.Variables.ON_SITE_CHECK;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "准备贷后检查" (post-loan-check, business key = check id): remote or on site, and the branch. */
@Component("preparePostLoanCheck")
public class PrepareCheckDelegate implements JavaDelegate {

  private final PostLoanCheckService checks;
  private final MonitoredLoanRepository monitored;

  public PrepareCheckDelegate(PostLoanCheckService checks, MonitoredLoanRepository monitored) {
    this.checks = checks;
    this.monitored = monitored;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PostLoanCheck check = checks.started(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    ON_SITE_CHECK.set(execution, check.method() == CheckMethod.ON_SITE);
    BRANCH_CODE.set(execution, monitored.find(check.loanId()).orElseThrow().branchCode());
  }
}
