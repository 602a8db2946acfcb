package com.smeloanflow.disbursement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "发放贷款" (asynchronous, retried with back-off, then an incident): posts the approved
 * amount to core banking exactly once.
 */
@Component("disburseLoan")
public class DisburseLoanDelegate implements JavaDelegate {

  private final DisbursementService disbursement;

  public DisburseLoanDelegate(DisbursementService disbursement) {
    this.disbursement = disbursement;
  }

  @Override
  public void execute(DelegateExecution execution) {
    disbursement.disburse(execution.getProcessBusinessKey());
  }
}
