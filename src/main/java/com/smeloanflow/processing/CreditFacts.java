package com.smeloanflow.processing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one set of facts every decision table of an application sees, as of one date: the day its
 * external data was gathered. Years in business and the industry come from the business registry
 * where it answered (the same values as on the score card), else from the application. The decision
 * tables read them as {@code facts.<name>} (see {@link #asMap()}); nothing of it is stored as a process
 * variable.
 *
 * @param borrowerExposure what the borrower owes and has asked for: open applications and outstanding
 *     loans of the same enterprise or of enterprises with the same legal representative, this
 *     application included
 * @param collateralCap appraised value × the collateral's loan-to-value ratio; null before it is decided
 *     or without collateral
 */
public record CreditFacts(
    String applicationId,
    LocalDate asOf,
    String product,
    String channel,
    String guaranteeType,
    String collateralType,
    BigDecimal collateralAppraisedValue,
    BigDecimal requestedAmount,
    int termMonths,
    BigDecimal annualRevenue,
    int yearsInBusiness,
    String registrationStatus,
    String industryCode,
    String grade,
    int totalScore,
    BigDecimal suggestedLimit,
    boolean hardRedFlag,
    boolean redFlag,
    boolean duplicateFound,
    BigDecimal borrowerExposure,
    Boolean eligible,
    boolean exceptionReviewed,
    BigDecimal collateralCap,
    String approvalRoute) {

  /** The facts by the names the decision tables use ({@code facts.grade}, {@code facts.borrowerExposure}, ...). */
  public Map<String, Object> asMap() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("applicationId", applicationId);
    facts.put("asOf", asOf == null ? null : asOf.toString());
    facts.put("product", product);
    facts.put("channel", channel);
    facts.put("guaranteeType", guaranteeType);
    facts.put("collateralType", collateralType);
    facts.put("collateralAppraisedValue", collateralAppraisedValue);
    facts.put("requestedAmount", requestedAmount);
    facts.put("termMonths", termMonths);
    facts.put("annualRevenue", annualRevenue);
    facts.put("yearsInBusiness", yearsInBusiness);
    facts.put("registrationStatus", registrationStatus);
    facts.put("industryCode", industryCode);
    facts.put("grade", grade);
    facts.put("totalScore", totalScore);
    facts.put("suggestedLimit", suggestedLimit);
    facts.put("hardRedFlag", hardRedFlag);
    facts.put("redFlag", redFlag);
    facts.put("duplicateFound", duplicateFound);
    facts.put("borrowerExposure", borrowerExposure);
    facts.put("eligible", eligible);
    facts.put("exceptionReviewed", exceptionReviewed);
    facts.put("collateralCap", collateralCap);
    facts.put("approvalRoute", approvalRoute);
    return facts;
  }

  /** The same facts with another guarantee type (an approval's condition re-priced). */
  public CreditFacts withGuaranteeType(String guarantee) {
    return new CreditFacts(applicationId, asOf, product, channel, guarantee, collateralType, collateralAppraisedValue,
        requestedAmount, termMonths, annualRevenue, yearsInBusiness, registrationStatus, industryCode, grade, totalScore,
        suggestedLimit, hardRedFlag, redFlag, duplicateFound, borrowerExposure, eligible, exceptionReviewed, collateralCap,
        approvalRoute);
  }
}
