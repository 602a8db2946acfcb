package com.smeloanflow.collections;

/**
 * What collections proposes at D+90. A write-off (核销) here is the charge-off the bank books: the
 * loan leaves the balance sheet against the provision and the claim is kept (账销案存); nothing is
 * forgiven.
 */
public enum DisposalType {
  LEGAL_ACTION("提起诉讼"),
  WRITE_OFF("核销 (账销案存)");

  private final String label;

  DisposalType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
