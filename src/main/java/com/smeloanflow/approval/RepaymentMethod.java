package com.smeloanflow.approval;

/** How a borrower repays a loan, as agreed in the contract and shown on the repayment schedule. */
public enum RepaymentMethod {
  /** 等额本息: the same total every month; interest falls and principal grows as the loan is repaid. */
  EQUAL_INSTALMENT("等额本息"),
  /** 等额本金: the same principal every month plus the interest on what is still owed. */
  EQUAL_PRINCIPAL("等额本金"),
  /** 先息后本: interest every month, the whole principal at maturity. */
  INTEREST_FIRST("先息后本");

  private final String label;

  RepaymentMethod(String label) {
    this.label = label;
  }

  /** The name the bank's staff and borrowers know it by. */
  public String label() {
    return label;
  }

  /** How the loan contract and the approval forms word it. */
  public String contractWording() {
    return this == INTEREST_FIRST ? "按月付息、到期还本" : label;
  }
}
