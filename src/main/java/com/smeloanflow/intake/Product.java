package com.smeloanflow.intake;

import static com.smeloanflow.intake.RequiredDocument.*;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The loan products of DESIGN.md §3.5 with the ranges refused at intake. */
public enum Product {
  CREDIT_QUICK("信用快贷", EnumSet.of(GuaranteeType.CREDIT), "10000", "1000000", 3, 36),
  MORTGAGE_QUICK("抵押快贷", EnumSet.of(GuaranteeType.MORTGAGE), "100000", "10000000", 12, 120),
  JOINT_GUARANTEE("联保贷", EnumSet.of(GuaranteeType.JOINT_GUARANTEE), "50000", "3000000", 6, 36),
  GROWTH("成长贷", EnumSet.of(GuaranteeType.GUARANTEE, GuaranteeType.MORTGAGE), "500000", "10000000", 12, 60),
  REVOLVING_LINE("循环额度", EnumSet.allOf(GuaranteeType.class), "100000", "5000000", 36, 36);

  private final String label;
  private final Set<GuaranteeType> guaranteeTypes;
  private final BigDecimal minAmount;
  private final BigDecimal maxAmount;
  private final int minTermMonths;
  private final int maxTermMonths;

  Product(String label, Set<GuaranteeType> guaranteeTypes, String minAmount, String maxAmount,
      int minTermMonths, int maxTermMonths) {
    this.label = label;
    this.guaranteeTypes = guaranteeTypes;
    this.minAmount = new BigDecimal(minAmount);
    this.maxAmount = new BigDecimal(maxAmount);
    this.minTermMonths = minTermMonths;
    this.maxTermMonths = maxTermMonths;
  }

  public String label() {
    return label;
  }

  public Set<GuaranteeType> guaranteeTypes() {
    return guaranteeTypes;
  }

  public BigDecimal minAmount() {
    return minAmount;
  }

  public BigDecimal maxAmount() {
    return maxAmount;
  }

  public int minTermMonths() {
    return minTermMonths;
  }

  public int maxTermMonths() {
    return maxTermMonths;
  }

  public boolean allowsAmount(BigDecimal amount) {
    return amount.compareTo(minAmount) >= 0 && amount.compareTo(maxAmount) <= 0;
  }

  public boolean allowsTerm(int termMonths) {
    return termMonths >= minTermMonths && termMonths <= maxTermMonths;
  }

  /** The documents a branch checks for this product and guarantee type. */
  public List<RequiredDocument> requiredDocuments(GuaranteeType guarantee) {
    EnumSet<RequiredDocument> documents = EnumSet.of(BUSINESS_LICENCE, LEGAL_REP_ID_CARD, BANK_STATEMENTS);
    if (this != CREDIT_QUICK) {
      documents.add(FINANCIAL_STATEMENTS);
    }
    if (guarantee == GuaranteeType.MORTGAGE) {
      documents.add(COLLATERAL_TITLE_DEED);
      documents.add(COLLATERAL_APPRAISAL_REPORT);
    }
    if (guarantee == GuaranteeType.JOINT_GUARANTEE) {
      documents.add(JOINT_GUARANTEE_AGREEMENT);
    }
    if (guarantee == GuaranteeType.GUARANTEE) {
      documents.add(GUARANTOR_DOCUMENTS);
    }
    return List.copyOf(documents);
  }
}
