package com.smeloanflow.renewal;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The renewal forms: the loan summary and the renewal facts they show (the offer's, and 当前续贷资格 as the loan stands now;
 * to the chair the committee's votes), and the
 * fields their listeners read; the chair's resolution is read by the chair's listener with the approver's fields (the same
 * decision, or 重新表决 when nobody voted).
 */
public final class RenewalFormContracts {

  private RenewalFormContracts() {}

  public static List<FormContract> all() {
    Set<String> shown = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    shown.addAll(RenewalSummaryListener.FORM_VALUES);
    shown.addAll(RenewalEligibilityNowListener.FORM_VALUES);
    shown.addAll(ProcessVariables.declaredIn(LoanRenewalProcess.Variables.class));
    Set<String> review = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    review.addAll(RenewalAmountReviewSummaryListener.FORM_VALUES);
    review.addAll(ProcessVariables.declaredIn(LoanRenewalProcess.Variables.class));
    Set<String> chair = new TreeSet<>(shown);
    chair.addAll(RenewalFormListeners.RENEWAL_COMMITTEE_VALUES);
    return List.of(FormContract.of("approve-renewal", List.of(ApproveRenewalTaskListener.DECISION,
            ApproveRenewalTaskListener.CUSTOMER_REASON, ApproveRenewalTaskListener.NOTE), shown),
        FormContract.of("review-renewal-amount", List.of(ReviewRenewalAmountTaskListener.DECISION,
            ReviewRenewalAmountTaskListener.NOTE), review),
        FormContract.of("renewal-committee-vote", List.of(RenewalCommitteeVoteTaskListener.VOTE,
            RenewalCommitteeVoteTaskListener.COMMENT), shown),
        FormContract.of("decide-renewal-committee-resolution", List.of(ApproveRenewalTaskListener.DECISION,
            ApproveRenewalTaskListener.CUSTOMER_REASON, ApproveRenewalTaskListener.NOTE), chair));
  }
}
