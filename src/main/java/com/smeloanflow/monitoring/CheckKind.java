package com.smeloanflow.monitoring;

/** Why a post-loan check is made. */
public enum CheckKind {
  /** Within 30 days of disbursement: the use of the funds and the business. */
  FIRST("首次检查"),
  /** Every quarter while the loan is 正常, every month while it is on the watch list. */
  PERIODIC("定期检查"),
  /** At once for early-warning signals. */
  SIGNAL("预警核查");

  private final String label;

  CheckKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
