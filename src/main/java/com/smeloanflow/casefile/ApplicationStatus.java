package com.smeloanflow.casefile;

/** The status a channel shows to the applicant (DESIGN.md §6). */
public enum ApplicationStatus {
  SUBMITTED("已提交"),
  AWAITING_ACCEPTANCE("待网点受理"),
  DOCUMENTS_MISSING("待补充资料"),
  IN_PROCESSING("集中处理中"),
  AWAITING_VERIFICATION("待远程核实"),
  AWAITING_APPROVAL("待审批"),
  APPROVED("已批准"),
  AWAITING_SIGNATURE("待签署合同"),
  AWAITING_MORTGAGE_REGISTRATION("待办理抵押登记"),
  AWAITING_DISBURSEMENT("待放款"),
  DISBURSED("已放款"),
  REJECTED("已拒绝"),
  WITHDRAWN("已撤销");

  private final String label;

  ApplicationStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isFinal() {
    return this == DISBURSED || isDeclined();
  }

  /**
   * Ended without a loan: {@link DeclineService} recorded why before it set this status, in its caller's transaction,
   * so an application in any other status has no decline.
   */
  public boolean isDeclined() {
    return this == REJECTED || this == WITHDRAWN;
  }
}
