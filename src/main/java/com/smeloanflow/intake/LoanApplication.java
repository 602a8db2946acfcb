package com.smeloanflow.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A loan application as submitted and accepted ({@code loan_application}, intake's table). Its status
 * is the case file's ({@code casefile.CaseFiles}); what later stages decided is in their own tables.
 */
public record LoanApplication(
    String id,
    Channel channel,
    String branchCode,
    Product product,
    String enterpriseName,
    String creditCode,
    String industryCode,
    LocalDate establishedOn,
    BigDecimal annualRevenue,
    String legalRepName,
    String legalRepIdNumber,
    String legalRepMobile,
    String legalRepEmail,
    BigDecimal requestedAmount,
    int termMonths,
    String purpose,
    GuaranteeType guaranteeType,
    CollateralType collateralType,
    String collateralDescription,
    BigDecimal collateralAppraisedValue,
    List<RequiredDocument> missingDocuments,
    String submittedBy,
    Instant submittedAt) {

  /** Online CREDIT_QUICK applications are complete as submitted; all others are accepted at a branch. */
  public boolean needsBranchAcceptance() {
    return !(channel.isOnline() && product == Product.CREDIT_QUICK);
  }

  public List<RequiredDocument> requiredDocuments() {
    return product.requiredDocuments(guaranteeType);
  }
}
