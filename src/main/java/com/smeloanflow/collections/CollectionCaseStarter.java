package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.ArrearsListener;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Collections' ear on the ledger. The daily close's overdue loans: a loan without an open case gets
 * one — the case row only, in the ledger's transaction; its collection process (business key = loan id)
 * is started after the close by {@link CollectionProcessStarts} — and a loan with one has its case asked
 * to review its next step (only a case waiting for the review hears it). A repayment that cleared the
 * arrears ends the loan's case wherever it is; so does the settlement of a loan whose case had no arrears to
 * clear (a called-in loan repaid in full). Runs in the ledger's transaction.
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
    loans.forEach(loan -> handOver(businessDate, loan));
  }

  /**
   * Opens the loan's case (its process to be started), or asks its open case to review its next step.
   *
   * @return the id of the case opened; empty when the loan had an open case
   */
  Optional<String> handOver(LocalDate businessDate, OverdueLoan loan) {
    if (cases.openCase(loan.loanId()).isPresent()) {
      runtime.createMessageCorrelation(CollectionProcess.Messages.REVIEW_DUE)
          .processInstanceBusinessKey(loan.loanId()).correlateAllWithResult();
      return Optional.empty();
    }
    return Optional.of(cases.open(loan.loanId(), loan.branchCode(), businessDate, loan.daysPastDue()));
  }

  @Override
  public void settled(LocalDate businessDate, List<String> loanIds) {
    for (String loanId : loanIds) {
      if (cases.closeSettled(loanId, businessDate)) {
        runtime.createMessageCorrelation(CollectionProcess.Messages.LOAN_SETTLED)
            .processInstanceBusinessKey(loanId).correlateAllWithResult();
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
