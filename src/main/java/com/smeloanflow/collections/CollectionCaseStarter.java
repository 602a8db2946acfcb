package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.ArrearsListener;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Collections' ear on the ledger. The daily close's overdue loans: a loan without an open case gets
 * one (its collection process started, business key = loan id); a loan with one has its case asked
 * to review its next step (only a case waiting for the review hears it). A repayment that cleared
 * the arrears ends the loan's case wherever it is. Runs in the ledger's transaction.
 */
@Component
public class CollectionCaseStarter implements ArrearsListener {

  private final CollectionCaseService cases;
  private final RuntimeService runtime;

  public CollectionCaseStarter(CollectionCaseService cases, RuntimeService runtime) {
    this.cases = cases;
    this.runtime = runtime;
  }

  @Override
  public void overdue(LocalDate businessDate, List<OverdueLoan> loans) {
    for (OverdueLoan loan : loans) {
      if (cases.openCase(loan.loanId()).isPresent()) {
        runtime.createMessageCorrelation(CollectionProcess.Messages.REVIEW_DUE)
            .processInstanceBusinessKey(loan.loanId()).correlateAllWithResult();
      } else {
        String caseId = cases.open(loan.loanId(), loan.branchCode(), businessDate, loan.daysPastDue());
        ProcessInstance instance = ProcessVariable.trusted(() -> runtime
            .createMessageCorrelation(CollectionProcess.Messages.LOAN_OVERDUE)
            .processInstanceBusinessKey(loan.loanId())
            .setVariable(CollectionProcess.Variables.BRANCH_CODE.name(), loan.branchCode())
            .correlateStartMessage());
        cases.linkProcess(caseId, instance.getId());
      }
    }
  }

  @Override
  public void arrearsCleared(String loanId, String transactionId, LocalDate valueDate) {
    if (cases.noteCure(loanId, transactionId).isPresent()) {
      runtime.createMessageCorrelation(CollectionProcess.Messages.ARREARS_CLEARED)
          .processInstanceBusinessKey(loanId).correlateAllWithResult();
    }
  }
}
