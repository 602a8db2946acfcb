package com.smeloanflow.renewal;

import com.smeloanflow.platform.StaffText;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A loan's renewal without repaying principal: what the eligibility table was given and answered, the
 * offer, the borrower's application, the approval and the contract. One per loan.
 *
 * @param eligibility     the table's inputs and answer when the offer scan evaluated the loan
 * @param offerExpiresOn  the last day the borrower may apply (null unless offered)
 * @param renewalAmount   the signed renewal amount: the old loan's principal due at maturity when offered; the
 *                        ceiling of what the renewal may lend
 * @param principalDueAtMaturity what the maturity posting found due when it was not the signed amount (a
 *                        prepayment after signing), else null
 * @param amountReviewDecision   复核续贷金额: {@code RENEW_DUE} or {@code LAPSE}, null until decided
 * @param amountReviewNote       the reviewer's internal note (never shown to the borrower)
 * @param renewedAmount   the principal the maturity posting lent (null until RENEWED)
 * @param maturityDeclineReason staff only: why the maturity posting, or the check on the last working day before a
 *                        maturity date nobody works, declined a signed renewal (the eligibility table, asked again with
 *                        the loan as it stood then, no longer offered renewal), else null
 */
public record LoanRenewal(
    String loanId,
    String branchCode,
    String creditCode,
    String product,
    LocalDate maturityDate,
    RenewalStatus status,
    Eligibility eligibility,
    LocalDate offerExpiresOn,
    BigDecimal renewalAmount,
    String requestId,
    String appliedBy,
    Instant appliedAt,
    String approvalRoute,
    String decidedBy,
    Instant decidedAt,
    String decisionNote,
    String customerReason,
    String contractNumber,
    String envelopeId,
    String signatureId,
    Instant signedAt,
    String postingReference,
    String newLoanId,
    LocalDate closedOn,
    BigDecimal principalDueAtMaturity,
    String amountReviewDecision,
    String amountReviewedBy,
    Instant amountReviewedAt,
    String amountReviewNote,
    BigDecimal renewedAmount,
    String maturityDeclineReason) {

  /** 复核续贷金额: renew the principal now due at maturity (less than signed). */
  public static final String RENEW_DUE = "RENEW_DUE";
  /** 复核续贷金额: do not renew; the old loan falls due as agreed. */
  public static final String LAPSE = "LAPSE";
  /** The longest internal note of a staff decision on a renewal (approval, amount review): the columns' width. */
  public static final int NOTE_MAX_LENGTH = 1000;

  /**
   * What the maturity posting lends: the principal now due when a reviewer chose to renew it, else the
   * signed amount.
   */
  public BigDecimal amountToRenew() {
    return RENEW_DUE.equals(amountReviewDecision) && principalDueAtMaturity != null ? principalDueAtMaturity : renewalAmount;
  }

  /**
   * Whether a person's decision (审批续贷申请, or the chair's 签发续贷贷审会决议) is awaited: applied for, and nobody decided
   * yet (an approval keeps the renewal APPLIED, with its decider, until the contract goes out). Any other status means
   * another path got there first: a decision, the maturity (LAPSED), a call-in (CALLED_IN), an operator (CANCELLED).
   */
  public boolean awaitsDecision() {
    return status == RenewalStatus.APPLIED && decidedAt == null;
  }

  /**
   * Why a decision on this renewal (an approver's, the chair's, a committee member's vote or the committee's conclusion)
   * is refused when it no longer {@linkplain #awaitsDecision awaits one}: someone or something else decided or ended it
   * first. Chinese for staff, the English beside.
   */
  String notAwaitingDecision() {
    if (status == RenewalStatus.APPLIED || status == RenewalStatus.APPROVED || status == RenewalStatus.DECLINED) {
      boolean declined = status == RenewalStatus.DECLINED;
      return StaffText.of("借据 " + loanId + " 的续贷已由 " + decidedBy + (declined ? " 决定不批准" : " 批准")
          + ", 无需再审批, 请刷新待办列表", "the renewal of loan " + loanId + " was " + (declined ? "declined" : "approved")
          + " by " + decidedBy + " already; this decision is refused");
    }
    return StaffText.of("借据 " + loanId + " 的续贷已不在审批中: " + status.label() + ", 无需再审批, 请刷新待办列表",
        "the renewal of loan " + loanId + " is " + status + ", not awaiting a decision; this decision is refused");
  }

  /**
   * The person who decided the renewal (the approver, or the committee's chair signing its resolution); empty when the
   * table approved it (route AUTO) or it is not decided yet.
   */
  public Optional<String> decidedByAPerson() {
    return decidedBy == null || decidedBy.isBlank() || RenewalApprovalService.MODEL.equals(decidedBy)
        ? Optional.empty() : Optional.of(decidedBy);
  }

  /** Whether the decision table approved the renewal (route AUTO): no person decided it. */
  public boolean decidedByTheModel() {
    return RenewalApprovalService.MODEL.equals(decidedBy);
  }

  /**
   * The eligibility table's inputs and answer.
   *
   * @param monthsSinceLastOverdue whole months since the last day the loan was overdue ({@link #NEVER_OVERDUE} if never)
   */
  public record Eligibility(LocalDate evaluatedOn, String classification, int monthsSinceLastOverdue, String licenceStatus,
      int score, String grade, BigDecimal suggestedLimit, boolean redFlag, boolean hardRedFlag, boolean eligible,
      String code, String reason) {

    /** What a loan never overdue counts as. */
    public static final int NEVER_OVERDUE = 999;
  }

  /**
   * What the channel is answered for a loan without a renewal offer (404): not evaluated yet, or not eligible. The
   * borrower is not told that a loan is not eligible, nor whether the scan has run.
   */
  public static LoanNotFoundException noOffer(String loanId) {
    return new LoanNotFoundException(loanId, "续贷邀请", "renewal offer");
  }

  /** The loan has no renewal: the offer scan never evaluated it (404). */
  public static LoanNotFoundException notFound(String loanId) {
    return new LoanNotFoundException(loanId, "续贷记录, 尚未经续贷评估", "renewal: not evaluated by the offer scan");
  }
}
