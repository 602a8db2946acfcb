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
 * the open case to review too when it changes the case's next step ({@link EarlyCollectionReferral}).
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

  /**
   * The loan's approved reclassification: its open case reviews its next step now only when the strategy table
   * chooses another step with the new classification than with the one the case last decided with
   * ({@link CollectionCaseService#reclassificationEffect}), e.g. disposal for a loan reclassified 可疑 or 损失. Otherwise
   * the case waits as it did: no decision is recorded, a promise to pay keeps its date, and the next review comes when
   * it was due. Asking twice does no harm: a case that reviewed with the new class answers the same for both.
   *
   * @return what the case did, in Chinese for the monitoring view; empty when the loan has no open case
   */
  Optional<String> reclassified(String loanId) {
    return cases.reclassificationEffect(loanId).map(effect -> {
      String reclassified = "风险分类调整为" + effect.classification().label();
      if (!effect.changesNextStep()) {
        return reclassified + ", 催收安排不变 (催收策略: " + effect.nextStep().reason() + ")";
      }
      boolean waiting = !runtime.createMessageCorrelation(CollectionProcess.Messages.REVIEW_DUE)
          .processInstanceBusinessKey(loanId).correlateAllWithResult().isEmpty();
      return waiting ? reclassified + ", 催收案件立即复评: " + effect.nextStep().reason()
          : reclassified + ", 催收案件当前步骤完成后按新分类复评";
    });
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

  /**
   * Core banking reversed a repayment that had cured the loan's case before its process started (the cure noted on the
   * case, the process to start after the daily close: a repayment and its reversal while the close hands loans over):
   * what it cleared is owed again, so the cure is withdrawn and the process, when it starts, runs the case as any overdue
   * loan's instead of ending it as cured. A case whose process heard the cure was closed then and stays closed.
   */
  @Override
  public void repaymentReversed(String loanId, String transactionId, boolean reopened) {
    cases.withdrawCure(loanId, transactionId);
  }

  @Override
  public void arrearsCleared(String loanId, String transactionId, LocalDate valueDate) {
    if (cases.noteCure(loanId, transactionId).isPresent()) {
      runtime.createMessageCorrelation(CollectionProcess.Messages.ARREARS_CLEARED)
          .processInstanceBusinessKey(loanId).correlateAllWithResult();
    }
  }
}
