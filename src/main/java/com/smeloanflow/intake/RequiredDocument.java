package com.smeloanflow.intake;

/**
 * Documents a branch checks at acceptance. The acceptance form has one checkbox per document,
 * shown for the products that require it; {@code AcceptanceFormTest} keeps the two in step.
 */
public enum RequiredDocument {
  BUSINESS_LICENCE("营业执照"),
  LEGAL_REP_ID_CARD("法定代表人身份证"),
  BANK_STATEMENTS("近12个月银行流水"),
  FINANCIAL_STATEMENTS("近期财务报表"),
  COLLATERAL_TITLE_DEED("抵押物权属证明"),
  COLLATERAL_APPRAISAL_REPORT("抵押物评估报告"),
  JOINT_GUARANTEE_AGREEMENT("联保协议"),
  GUARANTOR_DOCUMENTS("保证人资料");

  private final String label;

  RequiredDocument(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Name of the boolean form field / task variable that records the document as received. */
  public String formField() {
    StringBuilder field = new StringBuilder("doc");
    for (String part : name().split("_")) {
      field.append(part.charAt(0)).append(part.substring(1).toLowerCase());
    }
    return field.toString();
  }
}
