package com.smeloanflow.collections;

/** Where the case's latest promise to pay stands, as the strategy table sees it. */
public enum PromiseStatus {
  /** No promise the ladder still has to act on. */
  NONE("无"),
  /** Made, its date (plus grace days) not yet passed, not yet covered by repayments. */
  OPEN("履约期内"),
  /** Repayments received after it cover the promised amount, by its date plus grace days. */
  KEPT("已兑现"),
  /** Its date plus grace days passed without repayments covering it. */
  BROKEN("已违约");

  private final String label;

  PromiseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
