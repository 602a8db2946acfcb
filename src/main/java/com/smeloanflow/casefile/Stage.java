package com.smeloanflow.casefile;

/** The bank's stages an application passes through; a decline names the one where it was decided. */
public enum Stage {
  INTAKE("网点受理"),
  PROCESSING("集中作业"),
  VERIFICATION("远程核实"),
  APPROVAL("审批"),
  CONTRACT_AND_DISBURSEMENT("签约放款");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
