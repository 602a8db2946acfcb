package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.AMOUNT_REVIEW_DUE_AT;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 核对到期应还本金 (00:00 of the last working day before a maturity date that is no working day): a prepayment since
 * signing changed the principal due at maturity, so 复核续贷金额 opens now, due at the end of this working day,
 * instead of on the maturity date nobody works (the BPMN error RENEWAL_AMOUNT_CHANGED). Nothing moves here; the
 * posting at maturity renews what was signed or what the reviewer chose. A loan called in without the renewal ending
 * (before the call-in ended renewals on a model version before 贷款已提前收回) is not renewed: the renewal is CALLED_IN and
 * the BPMN error RENEWAL_LOAN_CALLED_IN (原贷款已提前收回) ends it, as at the posting, through 通知续贷终止. On a version
 * without that boundary the engine ends the instance at the error, as the posting's error does there; the borrower is
 * mailed 续贷终止 all the same, queued before the error is thrown ({@link CalledInRefusal}). A loan that no longer meets
 * the eligibility table (downgraded, in arrears or a warning signal under check since the approval) is not renewed
 * either: the renewal is DECLINED and the BPMN error RENEWAL_NO_LONGER_ELIGIBLE (已不符合续贷条件) ends it through
 * 通知续贷未获批准, as at the posting ({@link NoLongerEligibleRefusal} mails the borrower on a version without that boundary).
 */
@Component("checkRenewalAmount")
public class CheckRenewalAmountDelegate implements JavaDelegate {

  private final RenewalPostingService postings;
  private final RenewalAmountReviewService reviews;
  private final BusinessClock clock;
  private final CalledInRefusal calledIn;
  private final NoLongerEligibleRefusal noLongerEligible;

  public CheckRenewalAmountDelegate(RenewalPostingService postings, RenewalAmountReviewService reviews, BusinessClock clock,
      CalledInRefusal calledIn, NoLongerEligibleRefusal noLongerEligible) {
    this.noLongerEligible = noLongerEligible;
    this.postings = postings;
    this.reviews = reviews;
    this.clock = clock;
    this.calledIn = calledIn;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String loanId = execution.getProcessBusinessKey();
    Optional<RenewalPostingService.Result> found = postings.checkBeforeMaturity(loanId);
    if (found.isEmpty()) {
      return;
    }
    switch (found.get().outcome()) {
      case AMOUNT_CHANGED -> {
        AMOUNT_REVIEW_DUE_AT.set(execution, reviews.dueOn(clock.today()));
        throw new BpmnError(LoanRenewalProcess.Errors.AMOUNT_CHANGED, "Loan " + loanId + " owes "
            + found.get().dueAtMaturity().toPlainString() + " CNY principal at maturity, not the amount to renew: reviewed"
            + " before maturity");
      }
      case CALLED_IN -> throw calledIn.refuse(execution,
          "Loan " + loanId + ": called in, not renewed: ended before maturity");
      case NO_LONGER_ELIGIBLE -> throw noLongerEligible.refuse(execution,
          "Loan " + loanId + ": no longer eligible for renewal, declined before maturity: nothing will be posted");
      default -> throw new IllegalStateException("Loan " + loanId + ": the check before maturity answered "
          + found.get().outcome());
    }
  }
}
