package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The instruction to open the loan account of a disbursed application: the terms the borrower
 * signed and the core banking posting that paid the money out.
 *
 * @param applicationId         the application the loan comes from (one account per application, or per drawdown on
 *                              the application's credit line: {@link LoanAccountService#openDrawdown})
 * @param creditCode            the borrower's unified social credit code
 * @param borrowerName          the borrowing enterprise
 * @param principal             CNY disbursed, more than 0, at most 2 decimals
 * @param annualRatePercent     the priced annual rate, e.g. 4.35; at most 4 decimals
 * @param termMonths            1 or more
 * @param method                how the borrower repays
 * @param disbursedOn           the day the money was paid out
 * @param corePostingReference  the core banking reference of the disbursement posting
 * @throws IllegalArgumentException naming the bad field
 */
public record OpenLoanAccount(
    String applicationId,
    String creditCode,
    String borrowerName,
    BigDecimal principal,
    BigDecimal annualRatePercent,
    int termMonths,
    RepaymentMethod method,
    LocalDate disbursedOn,
    String corePostingReference) {

  public OpenLoanAccount {
    requireText("applicationId", applicationId, 32, applicationId);
    requireText("creditCode", creditCode, 18, applicationId);
    requireText("borrowerName", borrowerName, 200, applicationId);
    requireText("corePostingReference", corePostingReference, 32, applicationId);
    if (principal == null || principal.signum() <= 0 || principal.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("Loan account of application " + applicationId
          + ": principal must be more than 0 CNY with at most 2 decimals, was " + principal);
    }
    if (annualRatePercent == null || annualRatePercent.signum() < 0 || annualRatePercent.compareTo(BigDecimal.valueOf(100)) >= 0
        || annualRatePercent.stripTrailingZeros().scale() > 4) {
      throw new IllegalArgumentException("Loan account of application " + applicationId
          + ": annual rate must be from 0% to under 100% with at most 4 decimals, was " + annualRatePercent);
    }
    if (termMonths < 1) {
      throw new IllegalArgumentException("Loan account of application " + applicationId
          + ": term must be at least 1 month, was " + termMonths);
    }
    if (method == null || disbursedOn == null) {
      throw new IllegalArgumentException("Loan account of application " + applicationId
          + ": repayment method and disbursement date are required");
    }
  }

  private static void requireText(String field, String value, int maxLength, String applicationId) {
    if (value == null || value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException("Loan account of application " + applicationId + ": " + field
          + " is required, at most " + maxLength + " characters");
    }
  }
}
