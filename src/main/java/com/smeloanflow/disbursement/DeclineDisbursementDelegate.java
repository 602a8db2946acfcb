package com.smeloanflow.disbursement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "记录不予放款": the documents disbursement asked for did not arrive in time. */
@Component("declineDisbursement")
public class DeclineDisbursementDelegate implements JavaDelegate {

  private final DisbursementCheckService checks;

  public DeclineDisbursementDelegate(DisbursementCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.supplementOverdue(execution.getProcessBusinessKey());
  }
}
