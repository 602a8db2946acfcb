package com.smeloanflow.disbursement;

/** What disbursement operations may ask the borrower for before paying out (放款前补充资料). */
public enum DisbursementDocument {
  PURCHASE_CONTRACT("与贷款用途相符的购销合同"),
  INVOICE("购销发票"),
  PAYEE_ACCOUNT_PROOF("受托支付收款账户证明"),
  BOARD_RESOLUTION("股东会或董事会同意借款的决议"),
  COLLATERAL_INSURANCE_POLICY("抵押物保险单"),
  GUARANTOR_ID_ORIGINAL("保证人身份证明原件核验");

  private final String label;

  DisbursementDocument(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static boolean knows(String name) {
    for (DisbursementDocument document : values()) {
      if (document.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
