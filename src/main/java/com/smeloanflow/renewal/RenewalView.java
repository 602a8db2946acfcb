package com.smeloanflow.renewal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

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
    LoanRenewal.Eligibility eligibility) {

  /** The maturity posting failed and is retried by itself (core banking down, say). */
  public static final String POSTING_RETRIED = "续贷入账未成功, 系统将自动重试";
  /** The maturity posting stopped: an operator decides (an incident in Cockpit). */
  public static final String POSTING_NEEDS_OPERATOR = "续贷入账未成功, 已停止重试, 待运维人员处理";
}
