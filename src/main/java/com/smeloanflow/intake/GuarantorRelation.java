package com.smeloanflow.intake;

/** How a guarantor relates to the borrower. */
public enum GuarantorRelation {
  LEGAL_REPRESENTATIVE("法定代表人"),
  SHAREHOLDER("股东"),
  SPOUSE_OF_LEGAL_REPRESENTATIVE("法定代表人配偶"),
  RELATED_ENTERPRISE("关联企业"),
  JOINT_GUARANTEE_MEMBER("联保小组成员"),
  GUARANTEE_COMPANY("融资担保公司"),
  OTHER("其他");

  private final String label;

  GuarantorRelation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
