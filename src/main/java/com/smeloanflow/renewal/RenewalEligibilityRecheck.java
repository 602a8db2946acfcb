package com.smeloanflow.renewal;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidTaskInputException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The eligibility table asked again with the loan as it stands today, for a renewal offered before: the classification,
 * the overdue record and the warning signals under check read again, the offer's licence and score kept ({@link
 * RenewalFactsService#standingNow}). The offer is made up to 60 days before maturity; a risk review, an arrear or a
 * signal since then stops the renewal at each step that would carry it on: when the model routes it or a person
 * approves it ({@link RenewalApprovalService}), when 复核续贷金额 renews the principal now due ({@link
 * RenewalAmountReviewService}), on the last working day before a maturity date nobody works (核对到期应还本金) and when the
 * maturity posting would lend the money ({@link RenewalPostingService}). The decision tasks show its answer
 * (当前续贷资格, {@link RenewalEligibilityNowListener}) so that whoever decides reads it before deciding.
 */
@Component
public class RenewalEligibilityRecheck {

  /** The internal reason of a renewal declined because the loan no longer met the eligibility table: its reason follows. */
  static final String NO_LONGER_ELIGIBLE = "续贷邀约后已不符合续贷条件: ";

  private final RenewalFactsService facts;
  private final RenewalEligibilityTable eligibility;
  private final BusinessClock clock;

  public RenewalEligibilityRecheck(RenewalFactsService facts, RenewalEligibilityTable eligibility, BusinessClock clock) {
    this.facts = facts;
    this.eligibility = eligibility;
    this.clock = clock;
  }

  /** The table's answer on the loan as it stands today, when it no longer offers renewal. */
  Optional<RenewalEligibilityTable.Answer> noLongerEligible(LoanRenewal renewal) {
    RenewalEligibilityTable.Answer now = eligibility.evaluate(facts.standingNow(renewal, clock.today()));
    return now.eligible() ? Optional.empty() : Optional.of(now);
  }

  /**
   * What a person deciding the renewal reads (当前续贷资格): {@code 符合}, or {@code 不符合 (<the table's reason>, <code>):
   * 续贷邀约后已不符合续贷条件, 不能批准续贷}, the answer an approval would get.
   */
  String standingText(LoanRenewal renewal) {
    return noLongerEligible(renewal).map(answer -> "不符合 (" + answer.reason() + ", " + answer.code() + "): "
        + NO_LONGER_ELIGIBLE.substring(0, NO_LONGER_ELIGIBLE.indexOf(':')) + ", 不能批准续贷").orElse("符合");
  }

  /**
   * Refuses a person's approval of the renewal (an approver's or the chair's 批准, a member's 同意) when the loan no longer
   * meets the table as it stands now: {@code 借据 <loan> 续贷邀约后已不符合续贷条件: <the table's reason>, <refused>}, the
   * task left open for a decline or a vote against.
   *
   * @param refused what the person is told they may not do and may do instead, e.g. {@code 不能批准续贷, 请选择不批准}
   * @throws InvalidTaskInputException the loan no longer meets the eligibility table
   */
  void requireEligibleToApprove(LoanRenewal renewal, String refused) {
    Optional<RenewalEligibilityTable.Answer> lapsed = noLongerEligible(renewal);
    if (lapsed.isPresent()) {
      throw new InvalidTaskInputException("借据 " + renewal.loanId() + " " + NO_LONGER_ELIGIBLE + lapsed.get().reason() + ", "
          + refused + " (the loan no longer meets renewal eligibility: " + lapsed.get().code() + ")");
    }
  }

  /** What staff read of such an answer: {@link #NO_LONGER_ELIGIBLE}, the table's reason and its code. */
  static String internalReason(RenewalEligibilityTable.Answer answer) {
    return NO_LONGER_ELIGIBLE + answer.reason() + " (" + answer.code() + ")";
  }
}
