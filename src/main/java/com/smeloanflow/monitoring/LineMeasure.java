package com.smeloanflow.monitoring;

/** What a check orders for the borrower's credit line. */
public enum LineMeasure {
  REDUCE("压降额度"),
  FREEZE("冻结额度");

  private final String label;

  LineMeasure(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
