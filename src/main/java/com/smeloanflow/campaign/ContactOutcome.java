package com.smeloanflow.campaign;

/** What a customer manager recorded after contacting a whitelist prospect. */
public enum ContactOutcome {
  INTERESTED("有意向"),
  NOT_NOW("暂不需要"),
  NOT_REACHABLE("无法联系"),
  NOT_ELIGIBLE("不符合条件");

  private final String label;

  ContactOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The prospect comes back on the follow-up date. */
  public boolean comesBack() {
    return this == NOT_NOW || this == NOT_REACHABLE;
  }
}
