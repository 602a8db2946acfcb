package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.LOAN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "发放贷款" (asynchronous, retried with back-off, then an incident): posts to core
 * banking exactly once and opens the loan account.
 */
@Component("disburseLoan")
public class DisburseLoanDelegate implements JavaDelegate {

  private final DisbursementService disbursement;

  public DisburseLoanDelegate(DisbursementService disbursement) {
    this.disbursement = disbursement;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LOAN_ID.set(execution, disbursement.disburse(APPLICATION_ID.from(execution)).loanId());
  }
}
