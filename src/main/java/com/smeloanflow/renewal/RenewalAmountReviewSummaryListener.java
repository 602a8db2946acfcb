package com.smeloanflow.renewal;

import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.platform.ChineseDates;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of 复核续贷金额: the loan (borrower, maturity date), the figures of the review (the
 * signed amount, the principal now due at maturity, the difference prepaid since signing) and by when it is to be
 * done (the task's due date) as read-only task-local values for the form.
 */
@Component("renewalAmountReviewSummary")
public class RenewalAmountReviewSummaryListener implements TaskListener {

  /** The task-local values it sets besides the loan summary. */
  public static final List<String> FORM_VALUES = List.of("renewalSignedAmountText", "renewalDueAtMaturityText",
      "renewalPrepaidSinceSigningText", "renewalContractNumber", "renewalReviewDueText");

  private final RenewalAmountReviewService reviews;
  private final LoanSummaryListener loanSummary;

  public RenewalAmountReviewSummaryListener(RenewalAmountReviewService reviews, LoanSummaryListener loanSummary) {
    this.reviews = reviews;
    this.loanSummary = loanSummary;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = values(task.getExecution().getProcessBusinessKey());
    values.put("renewalReviewDueText", ChineseDates.minute(task.getDueDate().toInstant()));
    task.setVariablesLocal(values);
  }

  Map<String, Object> values(String loanId) {
    RenewalAmountReviewService.Figures figures = reviews.figures(loanId);
    Map<String, Object> values = loanSummary.values(loanId);
    values.put("renewalSignedAmountText", figures.signedAmount().toPlainString());
    values.put("renewalDueAtMaturityText", figures.dueAtMaturity().toPlainString());
    values.put("renewalPrepaidSinceSigningText", figures.prepaidSinceSigning().toPlainString());
    values.put("renewalContractNumber", String.valueOf(figures.contractNumber()));
    return values;
  }
}
