package com.smeloanflow.scoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the four-dimension model looks at for one application: what the applicant asked for,
 * and what the external sources said about the enterprise when the data was gathered.
 *
 * <p>A {@code null} in a source's fields means that source returned no data: the model scores the
 * block 0 and raises the soft red flag {@code DATA_GAP}. Monthly flows are oldest month first,
 * 12 months ending with the last complete month; fewer than 12 months is a data gap too.
 * Categorical values are strings (the names of the sources' enumerations) so that the model has
 * no dependency on them; an unknown value is refused here rather than scored as 0.
 *
 * @param requestedAmount CNY, positive
 * @param termMonths requested term; recorded with the score, it does not change the points
 * @param guaranteeType CREDIT, MORTGAGE, GUARANTEE or JOINT_GUARANTEE; caps the suggested limit
 * @param establishedOn date of establishment (from the business registry, else as declared)
 * @param asOf the date the score refers to: the day the external data was gathered
 * @param declaredAnnualRevenue annual revenue as the applicant declared it, used when tax data is missing
 * @param registrationStatus ACTIVE, REVOKED or DEREGISTERED
 * @param industryCode GB/T 4754 industry code, e.g. C34 (shown in the scenario reasons)
 * @param taxRating A, B, M, C or D (纳税信用等级)
 * @param taxAnnualSales sales of the last tax year as reported to the tax authority, CNY
 * @param taxOverdueFilings tax returns not filed on time
 * @param bureauCurrentOverdueAmount amount overdue at the credit bureau today, CNY
 * @param bureauMaxDpd24m worst days past due in the last 24 months
 * @param bureauOutstandingLoans loans outstanding with any lender
 * @param bureauEnquiriesLast3m lenders' enquiries at the bureau in the last 3 months
 * @param courtOpenEnforcementCases open court enforcement cases
 * @param courtDishonestDebtor on the dishonest-debtor list
 * @param monthlyInflows 12 monthly inflows on the enterprise's accounts, oldest first, CNY
 * @param monthlyOutflows 12 monthly outflows, same months
 * @param utilityMonthsOfHistory months of utility billing history
 * @param utilityLatePaymentsLast24m utility bills paid late in the last 24 months
 * @param internalDefaultCount defaults with this bank, ever
 * @param internalOpenDefaultCount of those, the ones not settled (outstanding or written off)
 * @param industryOutlook GROWING, STABLE or DECLINING (the bank's industry policy)
 * @param supplyChainRole CORE, TIER1, TIER2 or NONE
 */
public record ScoringInput(
    BigDecimal requestedAmount,
    int termMonths,
    String guaranteeType,
    LocalDate establishedOn,
    LocalDate asOf,
    BigDecimal declaredAnnualRevenue,
    String registrationStatus,
    String industryCode,
    String taxRating,
    BigDecimal taxAnnualSales,
    Integer taxOverdueFilings,
    BigDecimal bureauCurrentOverdueAmount,
    Integer bureauMaxDpd24m,
    Integer bureauOutstandingLoans,
    Integer bureauEnquiriesLast3m,
    Integer courtOpenEnforcementCases,
    Boolean courtDishonestDebtor,
    List<BigDecimal> monthlyInflows,
    List<BigDecimal> monthlyOutflows,
    Integer utilityMonthsOfHistory,
    Integer utilityLatePaymentsLast24m,
    Integer internalDefaultCount,
    Integer internalOpenDefaultCount,
    String industryOutlook,
    String supplyChainRole) {

  public static final Set<String> GUARANTEE_TYPES = Set.of("CREDIT", "MORTGAGE", "GUARANTEE", "JOINT_GUARANTEE");
  public static final Set<String> REGISTRATION_STATUSES = Set.of("ACTIVE", "REVOKED", "DEREGISTERED");
  public static final Set<String> TAX_RATINGS = Set.of("A", "B", "M", "C", "D");
  public static final Set<String> INDUSTRY_OUTLOOKS = Set.of("GROWING", "STABLE", "DECLINING");
  public static final Set<String> SUPPLY_CHAIN_ROLES = Set.of("CORE", "TIER1", "TIER2", "NONE");
  public static final int FLOW_MONTHS = 12;

  public ScoringInput {
    Objects.requireNonNull(requestedAmount, "requestedAmount");
    if (requestedAmount.signum() <= 0) {
      throw new IllegalArgumentException("requestedAmount must be positive: " + requestedAmount);
    }
    Objects.requireNonNull(establishedOn, "establishedOn");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(declaredAnnualRevenue, "declaredAnnualRevenue");
    requireOneOf("guaranteeType", Objects.requireNonNull(guaranteeType, "guaranteeType"), GUARANTEE_TYPES);
    requireOneOf("registrationStatus", registrationStatus, REGISTRATION_STATUSES);
    requireOneOf("taxRating", taxRating, TAX_RATINGS);
    requireOneOf("industryOutlook", industryOutlook, INDUSTRY_OUTLOOKS);
    requireOneOf("supplyChainRole", supplyChainRole, SUPPLY_CHAIN_ROLES);
    monthlyInflows = monthlyInflows == null ? null : List.copyOf(monthlyInflows);
    monthlyOutflows = monthlyOutflows == null ? null : List.copyOf(monthlyOutflows);
  }

  private static void requireOneOf(String field, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new IllegalArgumentException(field + " must be one of " + allowed + ", not " + value);
    }
  }

  /** Whether 12 months of inflows and outflows are there. */
  public boolean hasFullFlows() {
    return monthlyInflows != null && monthlyOutflows != null
        && monthlyInflows.size() == FLOW_MONTHS && monthlyOutflows.size() == FLOW_MONTHS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this input's values, to change a few. */
  public Builder toBuilder() {
    return new Builder()
        .requestedAmount(requestedAmount).termMonths(termMonths).guaranteeType(guaranteeType)
        .establishedOn(establishedOn).asOf(asOf).declaredAnnualRevenue(declaredAnnualRevenue)
        .registrationStatus(registrationStatus).industryCode(industryCode)
        .taxRating(taxRating).taxAnnualSales(taxAnnualSales).taxOverdueFilings(taxOverdueFilings)
        .bureauCurrentOverdueAmount(bureauCurrentOverdueAmount).bureauMaxDpd24m(bureauMaxDpd24m)
        .bureauOutstandingLoans(bureauOutstandingLoans).bureauEnquiriesLast3m(bureauEnquiriesLast3m)
        .courtOpenEnforcementCases(courtOpenEnforcementCases).courtDishonestDebtor(courtDishonestDebtor)
        .monthlyInflows(monthlyInflows).monthlyOutflows(monthlyOutflows)
        .utilityMonthsOfHistory(utilityMonthsOfHistory).utilityLatePaymentsLast24m(utilityLatePaymentsLast24m)
        .internalDefaultCount(internalDefaultCount).internalOpenDefaultCount(internalOpenDefaultCount)
        .industryOutlook(industryOutlook).supplyChainRole(supplyChainRole);
  }

  /** Builds a {@link ScoringInput} field by field; unset source fields stay {@code null} (no data). */
  public static final class Builder {
    private BigDecimal requestedAmount;
    private int termMonths;
    private String guaranteeType;
    private LocalDate establishedOn;
    private LocalDate asOf;
    private BigDecimal declaredAnnualRevenue;
    private String registrationStatus;
    private String industryCode;
    private String taxRating;
    private BigDecimal taxAnnualSales;
    private Integer taxOverdueFilings;
    private BigDecimal bureauCurrentOverdueAmount;
    private Integer bureauMaxDpd24m;
    private Integer bureauOutstandingLoans;
    private Integer bureauEnquiriesLast3m;
    private Integer courtOpenEnforcementCases;
    private Boolean courtDishonestDebtor;
    private List<BigDecimal> monthlyInflows;
    private List<BigDecimal> monthlyOutflows;
    private Integer utilityMonthsOfHistory;
    private Integer utilityLatePaymentsLast24m;
    private Integer internalDefaultCount;
    private Integer internalOpenDefaultCount;
    private String industryOutlook;
    private String supplyChainRole;

    private Builder() {}

    public Builder requestedAmount(BigDecimal value) { requestedAmount = value; return this; }
    public Builder termMonths(int value) { termMonths = value; return this; }
    public Builder guaranteeType(String value) { guaranteeType = value; return this; }
    public Builder establishedOn(LocalDate value) { establishedOn = value; return this; }
    public Builder asOf(LocalDate value) { asOf = value; return this; }
    public Builder declaredAnnualRevenue(BigDecimal value) { declaredAnnualRevenue = value; return this; }
    public Builder registrationStatus(String value) { registrationStatus = value; return this; }
    public Builder industryCode(String value) { industryCode = value; return this; }
    public Builder taxRating(String value) { taxRating = value; return this; }
    public Builder taxAnnualSales(BigDecimal value) { taxAnnualSales = value; return this; }
    public Builder taxOverdueFilings(Integer value) { taxOverdueFilings = value; return this; }
    public Builder bureauCurrentOverdueAmount(BigDecimal value) { bureauCurrentOverdueAmount = value; return this; }
    public Builder bureauMaxDpd24m(Integer value) { bureauMaxDpd24m = value; return this; }
    public Builder bureauOutstandingLoans(Integer value) { bureauOutstandingLoans = value; return this; }
    public Builder bureauEnquiriesLast3m(Integer value) { bureauEnquiriesLast3m = value; return this; }
    public Builder courtOpenEnforcementCases(Integer value) { courtOpenEnforcementCases = value; return this; }
    public Builder courtDishonestDebtor(Boolean value) { courtDishonestDebtor = value; return this; }
    public Builder monthlyInflows(List<BigDecimal> value) { monthlyInflows = value; return this; }
    public Builder monthlyOutflows(List<BigDecimal> value) { monthlyOutflows = value; return this; }
    public Builder utilityMonthsOfHistory(Integer value) { utilityMonthsOfHistory = value; return this; }
    public Builder utilityLatePaymentsLast24m(Integer value) { utilityLatePaymentsLast24m = value; return this; }
    public Builder internalDefaultCount(Integer value) { internalDefaultCount = value; return this; }
    public Builder internalOpenDefaultCount(Integer value) { internalOpenDefaultCount = value; return this; }
    public Builder industryOutlook(String value) { industryOutlook = value; return this; }
    public Builder supplyChainRole(String value) { supplyChainRole = value; return this; }

    public ScoringInput build() {
      return new ScoringInput(requestedAmount, termMonths, guaranteeType, establishedOn, asOf,
          declaredAnnualRevenue, registrationStatus, industryCode, taxRating, taxAnnualSales,
          taxOverdueFilings, bureauCurrentOverdueAmount, bureauMaxDpd24m, bureauOutstandingLoans,
          bureauEnquiriesLast3m, courtOpenEnforcementCases, courtDishonestDebtor, monthlyInflows,
          monthlyOutflows, utilityMonthsOfHistory, utilityLatePaymentsLast24m, internalDefaultCount,
          internalOpenDefaultCount, industryOutlook, supplyChainRole);
    }
  }
}
