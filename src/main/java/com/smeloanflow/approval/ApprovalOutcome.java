package com.smeloanflow.approval;

/** What an approval authority decided. */
public enum ApprovalOutcome {
  APPROVE("批准"),
  APPROVE_WITH_CONDITIONS("附条件批准"),
  RETURN("退回补充信息"),
  REJECT("拒绝");

  private final String label;

  ApprovalOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean approves() {
    return this == APPROVE || this == APPROVE_WITH_CONDITIONS;
  }
}
