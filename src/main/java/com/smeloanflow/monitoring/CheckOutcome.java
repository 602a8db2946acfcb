package com.smeloanflow.monitoring;

/**
 * What a checker concludes, and where it leads: the risk-classification table reads it (关注 and worse
 * put the loan on the watch list, monthly checks), a line measure is carried out on the credit line of a drawdown (else
 * recorded for the line owner), a called-in loan is told to the borrower and handed to collections.
 */
public enum CheckOutcome {
  NORMAL("正常"),
  WATCH("关注 (列入观察名单)"),
  RESTRICT_LINE("压降或冻结额度"),
  CALL_IN("提前收回贷款并移交催收");

  private final String label;

  CheckOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
