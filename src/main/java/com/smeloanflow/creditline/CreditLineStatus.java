package com.smeloanflow.creditline;

/** Where a credit line stands: only an ACTIVE line may be drawn on. */
public enum CreditLineStatus {
  ACTIVE("有效"),
  /** Drawdowns stopped (annual review or a post-loan measure); what is drawn is repaid as scheduled. */
  FROZEN("已冻结"),
  /** The validity (3 years from opening) has passed. */
  EXPIRED("已到期"),
  /** Ended by the bank (annual review): no further drawdowns, ever. */
  CLOSED("已终止");

  private final String label;

  CreditLineStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
