package com.smeloanflow.servicing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.LOAN_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "开立贷款账户": the loan account with its repayment schedule, in the step that paid out. */
@Component("openLoanAccount")
public class OpenLoanAccountDelegate implements JavaDelegate {

  private final LoanOpening opening;

  public OpenLoanAccountDelegate(LoanOpening opening) {
    this.opening = opening;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LOAN_ID.set(execution, opening.open(execution.getProcessBusinessKey()).loanId());
  }
}
