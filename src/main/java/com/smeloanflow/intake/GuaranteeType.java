package com.smeloanflow.intake;

public enum GuaranteeType {
  CREDIT("信用"),
  MORTGAGE("抵押"),
  GUARANTEE("保证"),
  JOINT_GUARANTEE("联保");

  private final String label;

  GuaranteeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
