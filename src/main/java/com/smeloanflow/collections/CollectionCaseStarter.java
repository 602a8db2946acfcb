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
 * clear (a called-in loan repaid in full). Runs in the ledger's transaction. Monitoring's approved reclassification asks
 * the open case to review too ({@link EarlyCollectionReferral}).
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
    if (review(loan.loanId())) {
      return Optional.empty();
    }
    return Optional.of(cases.open(loan.loanId(), loan.branchCode(), businessDate, loan.daysPastDue()));
  }

  /**
   * Asks the loan's open case to review its next step now: only a case waiting for the review hears it (one on a
   * rung's task, at disposal or not started yet reads the facts when it gets there), so asking twice does no harm.
   *
   * @return whether the loan has an open case
   */
  boolean review(String loanId) {
    if (cases.openCase(loanId).isEmpty()) {
      return false;
    }
    runtime.createMessageCorrelation(CollectionProcess.Messages.REVIEW_DUE)
        .processInstanceBusinessKey(loanId).correlateAllWithResult();
    return true;
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
