package com.smeloanflow.approval;

import com.smeloanflow.identity.Groups;
import java.math.BigDecimal;

/**
 * Who may approve, up to which exposure (分级授权): the model within the approval-authority table's
 * AUTO rule and never above its own suggested limit; an approver of the SME unit up to 5,000,000 CNY of
 * the borrower's exposure (自主审批); the credit committee above (贷审会), its chair signing the
 * resolution or casting the deciding vote.
 */
public enum ApprovalAuthority {
  MODEL("模型", null, null),
  APPROVER("审批人", Groups.CREDIT_APPROVERS, new BigDecimal("5000000.00")),
  COMMITTEE("贷审会", Groups.CREDIT_COMMITTEE_CHAIR, null);

  private final String label;
  private final String group;
  private final BigDecimal exposureLimit;

  ApprovalAuthority(String label, String group, BigDecimal exposureLimit) {
    this.label = label;
    this.group = group;
    this.exposureLimit = exposureLimit;
  }

  public String label() {
    return label;
  }

  /** The group whose member decides for this authority (null: the model). */
  public String group() {
    return group;
  }

  /** The largest borrower exposure this authority may approve; null: no limit. */
  public BigDecimal exposureLimit() {
    return exposureLimit;
  }
}
