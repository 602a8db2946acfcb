package com.smeloanflow.renewal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A loan's renewal without repaying principal: what the eligibility table was given and answered, the
 * offer, the borrower's application, the approval and the contract. One per loan.
 *
 * @param eligibility     the table's inputs and answer when the offer scan evaluated the loan
 * @param offerExpiresOn  the last day the borrower may apply (null unless offered)
 * @param renewalAmount   the principal renewed: the old loan's principal due at maturity
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
    LocalDate closedOn) {

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
}
