package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.AMOUNT_REVIEW_DUE_AT;

import com.smeloanflow.process.LoanRenewalProcess;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 办理续贷转贷 (after a save point, at maturity): the one renewal posting (RenewalPostingService). A prepayment
 * since signing is a business answer, not a failure: the BPMN error RENEWAL_AMOUNT_CHANGED (复核续贷金额, due
 * on the maturity date) or RENEWAL_PRINCIPAL_PREPAID (nothing to renew); so is a maturity instalment the daily
 * close already counted overdue, RENEWAL_MATURITY_OVERDUE (not renewed), and a loan called in, RENEWAL_LOAN_CALLED_IN
 * (never renewed; 通知续贷终止 mails the borrower, or, on a model version without that boundary, where the engine ends
 * the instance at the error, {@link CalledInRefusal} does before it is thrown); and so is a loan that no longer meets the
 * eligibility table at maturity, RENEWAL_NO_LONGER_ELIGIBLE (declined; 通知续贷未获批准 mails the catalogue text, or, on a
 * model version without that boundary, {@link NoLongerEligibleRefusal} queues it before the error ends the instance). A technical failure is retried, and so
 * is an overdue maturity instalment whose renewal core banking had already booked (a lost answer): that needs an
 * operator, the retries end in an incident ({@link RenewalPostedWhileOverdueException}).
 */
@Component("postRenewal")
public class PostRenewalDelegate implements JavaDelegate {

  private final RenewalPostingService postings;
  private final RenewalAmountReviewService reviews;
  private final CalledInRefusal calledIn;
  private final NoLongerEligibleRefusal noLongerEligible;

  public PostRenewalDelegate(RenewalPostingService postings, RenewalAmountReviewService reviews, CalledInRefusal calledIn,
      NoLongerEligibleRefusal noLongerEligible) {
    this.noLongerEligible = noLongerEligible;
    this.postings = postings;
    this.reviews = reviews;
    this.calledIn = calledIn;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String loanId = execution.getProcessBusinessKey();
    RenewalPostingService.Result result = postings.post(loanId);
    switch (result.outcome()) {
      case RENEWED -> { }
      case AMOUNT_CHANGED -> {
        AMOUNT_REVIEW_DUE_AT.set(execution, reviews.dueAtMaturity(loanId));
        throw new BpmnError(LoanRenewalProcess.Errors.AMOUNT_CHANGED, "Loan " + loanId + " owes "
            + result.dueAtMaturity().toPlainString() + " CNY principal at maturity, not the amount to renew: nothing posted");
      }
      case PRINCIPAL_PREPAID -> throw new BpmnError(LoanRenewalProcess.Errors.PRINCIPAL_PREPAID,
          "Loan " + loanId + ": all principal due at maturity prepaid, nothing to renew");
      case MATURITY_OVERDUE -> throw new BpmnError(LoanRenewalProcess.Errors.MATURITY_OVERDUE,
          "Loan " + loanId + ": the maturity instalment was already counted overdue, not renewed: nothing posted");
      case CALLED_IN -> throw calledIn.refuse(execution,
          "Loan " + loanId + ": called in, not renewed: nothing posted");
      case NO_LONGER_ELIGIBLE -> throw noLongerEligible.refuse(execution,
          "Loan " + loanId + ": no longer eligible for renewal at maturity, declined: nothing posted");
    }
  }
}
