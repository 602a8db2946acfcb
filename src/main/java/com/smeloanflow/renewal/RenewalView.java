package com.smeloanflow.renewal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A loan's renewal as the channel and staff see it. {@code eligibility} (the table's inputs and reason)
 * is internal: staff see it, the channel (which shows the borrower) does not.
 *
 * @param renewalAmount          the signed (offered) renewal amount
 * @param principalDueAtMaturity what the maturity posting found due when it was not the signed amount (a
 *                               prepayment after signing: AMOUNT_REVIEW, WITHDRAWN, PRINCIPAL_PREPAID, or RENEWED
 *                               for less), else null
 * @param renewedAmount          the principal the new loan lent at maturity (RENEWED), else null
 * @param postingProblem         staff only: while the maturity posting fails, what happens next (retried by itself,
 *                               or stopped for an operator: an incident in Cockpit), else null
 * @param envelopeCancellation   staff only: for a CANCELLED or CALLED_IN renewal whose contract was sent and not signed,
 *                               whether the e-signature service has cancelled its envelope yet, else null
 * @param maturityDeclineReason  staff only: for a signed renewal the maturity posting declined (or the check on the
 *                               last working day before a maturity date nobody works), why (the eligibility table's
 *                               reason and code with the loan as it stood then), else null
 * @param committeeVotes         staff only: every vote the committee's members cast on the renewal (贷审会委员表决续贷), the
 *                               round it was cast in, who, APPROVE or REJECT with its label (同意, 反对), the reasons and
 *                               when, the first first; empty if nobody voted (null to the channel)
 * @param committeeRevotes       staff only: each time the committee's chair reopened a vote nobody cast by its deadline
 *                               (提交贷审会重新表决), who, when and why, the first first; empty if never (null to the channel)
 */
public record RenewalView(
    String loanId,
    RenewalStatus status,
    String statusLabel,
    LocalDate maturityDate,
    LocalDate offerExpiresOn,
    boolean offerOpen,
    BigDecimal renewalAmount,
    String requestId,
    Instant appliedAt,
    String approvalRoute,
    String decidedBy,
    String customerReasonText,
    String contractNumber,
    Instant signedAt,
    String newLoanId,
    BigDecimal principalDueAtMaturity,
    BigDecimal renewedAmount,
    LocalDate closedOn,
    String postingProblem,
    EnvelopeCancellation envelopeCancellation,
    LoanRenewal.Eligibility eligibility,
    String maturityDeclineReason,
    List<RenewalCommitteeService.CastVote> committeeVotes,
    List<RenewalCommitteeService.Revote> committeeRevotes) {

  /** The maturity posting failed and is retried by itself (core banking down, say). */
  public static final String POSTING_RETRIED = "续贷入账未成功, 系统将自动重试";
  /** The maturity posting stopped: an operator decides (an incident in Cockpit). */
  public static final String POSTING_NEEDS_OPERATOR = "续贷入账未成功, 已停止重试, 待运维人员处理";

  /** Whether the e-signature service has cancelled the envelope of a cancelled renewal's unsigned contract. */
  public enum EnvelopeCancellationStatus {
    /** Cancelled: the borrower is no longer shown the contract to sign. */
    CANCELLED,
    /** Not cancelled yet: the service was down or refused, and later polls ask again. */
    WAITING
  }

  /** The envelope is cancelled in the e-signature service. */
  public static final String ENVELOPE_CANCELLED = "续贷合同的电子签约信封已撤销, 借款人不能再签署";
  /** The envelope is not cancelled yet; the poller asks the service again. */
  public static final String ENVELOPE_WAITING = "续贷合同的电子签约信封尚未撤销, 系统将自动重试";
  /** The service refused {@code alert-after-attempts} times or more: an operator looks into it with the service. */
  public static final String ENVELOPE_REFUSED = "电子签约服务已多次拒绝撤销续贷合同的电子签约信封, 系统仍在重试, 待运维人员与电子签约服务核查";

  /** What staff read before the e-signature service's own text of its last refusal to cancel an envelope. */
  public static final String REFUSAL_PREFIX = "电子签约服务拒绝撤销续贷合同: ";

  /**
   * The e-signature service's refusal as staff read it: {@link #REFUSAL_PREFIX} and the service's own text (its message,
   * without the Java exception's class name it was recorded with); null if it never refused.
   */
  static String refusalLine(String recorded) {
    if (recorded == null) {
      return null;
    }
    String text = recorded.replaceFirst("^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(Exception|Error)(: )?", "").trim();
    return REFUSAL_PREFIX + (text.isEmpty() ? recorded : text);
  }

  /**
   * Where the cancellation of a cancelled or called-in renewal's unsigned envelope stands in the e-signature service
   * ({@link RenewalEnvelopeCancellations}). Staff only: {@code lastError} quotes the service's own answer.
   *
   * @param status      CANCELLED once the service cancelled it, WAITING until then
   * @param statusLabel {@link #ENVELOPE_CANCELLED}, {@link #ENVELOPE_WAITING}, or {@link #ENVELOPE_REFUSED} once the
   *                    service has refused {@code alert-after-attempts} times (30)
   * @param cancelledAt when the service cancelled it (CANCELLED), else null
   * @param attempts    how many times the service refused to cancel it (kept once cancelled)
   * @param lastError   the service's last refusal ({@link #refusalLine}: 电子签约服务拒绝撤销续贷合同: and its text), null
   *                    if it never refused
   * @param lastTriedAt when the service last refused, null if it never refused
   */
  public record EnvelopeCancellation(EnvelopeCancellationStatus status, String statusLabel, Instant cancelledAt, int attempts,
      String lastError, Instant lastTriedAt) {}
}
