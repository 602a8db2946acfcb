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
    LoanRenewal.Eligibility eligibility) {}
