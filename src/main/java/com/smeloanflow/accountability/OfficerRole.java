package com.smeloanflow.accountability;

/** The officers who decided on a loan and whose diligence a review finds on (尽职免责认定). */
public enum OfficerRole {
  /** The customer manager who answers for the loan (管户客户经理). */
  CUSTOMER_MANAGER("客户经理", "customerManagerOutcome", "customerManagerReason"),
  /** The approver who approved it (a model approval has none). */
  APPROVER("审批人", "approverOutcome", "approverReason"),
  /** Everyone who concluded a post-loan check of it. */
  POST_LOAN_CHECKER("贷后检查人", "checkerOutcome", "checkerReason");

  private final String label;
  private final String outcomeField;
  private final String reasonField;

  OfficerRole(String label, String outcomeField, String reasonField) {
    this.label = label;
    this.outcomeField = outcomeField;
    this.reasonField = reasonField;
  }

  public String label() {
    return label;
  }

  /** The form field of the reviewer's finding for this role. */
  public String outcomeField() {
    return outcomeField;
  }

  /** The form field of the reason for it. */
  public String reasonField() {
    return reasonField;
  }
}
