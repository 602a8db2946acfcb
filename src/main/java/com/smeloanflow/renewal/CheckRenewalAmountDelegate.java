package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.AMOUNT_REVIEW_DUE_AT;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanRenewalProcess;
import java.math.BigDecimal;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 核对到期应还本金 (00:00 of the last working day before a maturity date that is no working day): a prepayment since
 * signing changed the principal due at maturity, so 复核续贷金额 opens now, due at the end of this working day,
 * instead of on the maturity date nobody works (the BPMN error RENEWAL_AMOUNT_CHANGED). Nothing moves here; the
 * posting at maturity renews what was signed or what the reviewer chose.
 */
@Component("checkRenewalAmount")
public class CheckRenewalAmountDelegate implements JavaDelegate {

  private final RenewalPostingService postings;
  private final RenewalAmountReviewService reviews;
  private final BusinessClock clock;

  public CheckRenewalAmountDelegate(RenewalPostingService postings, RenewalAmountReviewService reviews, BusinessClock clock) {
    this.postings = postings;
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String loanId = execution.getProcessBusinessKey();
    Optional<BigDecimal> changed = postings.checkBeforeMaturity(loanId);
    if (changed.isPresent()) {
      AMOUNT_REVIEW_DUE_AT.set(execution, reviews.dueOn(clock.today()));
      throw new BpmnError(LoanRenewalProcess.Errors.AMOUNT_CHANGED, "Loan " + loanId + " owes "
          + changed.get().toPlainString() + " CNY principal at maturity, not the amount to renew: reviewed before maturity");
    }
  }
}
