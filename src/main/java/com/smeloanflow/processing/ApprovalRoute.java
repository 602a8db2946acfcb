package com.smeloanflow.processing;

/** Who approves an application, as approval-authority decides it. */
public enum ApprovalRoute {
  AUTO("模型自动审批"),
  SINGLE("审批人审批 (500万元及以下)"),
  COMMITTEE("贷审会审议 (500万元以上)"),
  REJECT("拒绝");

  private final String label;

  ApprovalRoute(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
