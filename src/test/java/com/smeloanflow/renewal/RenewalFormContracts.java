package com.smeloanflow.renewal;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The renewal forms: the loan summary and the renewal facts they show, and the fields their listeners read. */
public final class RenewalFormContracts {

  private RenewalFormContracts() {}

  public static List<FormContract> all() {
    Set<String> shown = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    shown.addAll(RenewalSummaryListener.FORM_VALUES);
    shown.addAll(ProcessVariables.declaredIn(LoanRenewalProcess.Variables.class));
    Set<String> review = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    review.addAll(RenewalAmountReviewSummaryListener.FORM_VALUES);
    review.addAll(ProcessVariables.declaredIn(LoanRenewalProcess.Variables.class));
    return List.of(FormContract.of("approve-renewal", List.of(ApproveRenewalTaskListener.DECISION,
            ApproveRenewalTaskListener.CUSTOMER_REASON, ApproveRenewalTaskListener.NOTE), shown),
        FormContract.of("review-renewal-amount", List.of(ReviewRenewalAmountTaskListener.DECISION,
            ReviewRenewalAmountTaskListener.NOTE), review));
  }
}
