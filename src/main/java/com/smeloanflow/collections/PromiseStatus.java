package com.smeloanflow.collections;

/** Where the case's latest promise to pay stands, as the strategy table sees it (and how it ended). */
public enum PromiseStatus {
  /** No promise the ladder still has to act on. */
  NONE("无"),
  /** Made, its date (plus grace days) not yet passed, not yet covered by repayments. */
  OPEN("履约期内"),
  /** Repayments received after it cover the promised amount, by its date plus grace days. */
  KEPT("已兑现"),
  /** Its date plus grace days passed without repayments covering it. */
  BROKEN("已违约"),
  /**
   * Still running when the ladder went to disposal (提出诉讼或核销建议: a loan classified 可疑 or 损失 does not wait for
   * it): closed then, neither kept nor broken, no longer awaited by the ladder; it stays on the proposal's forms, with
   * the repayments received towards it by then, for collections to weigh. The strategy table never sees it (it is acted
   * on when it is closed).
   */
  SUPERSEDED("未到期, 已转入诉讼或核销处置"),
  /**
   * Still running, and not kept by the repayments received since it, when the case closed because the arrears were
   * cleared or the loan settled: closed then, with what was received towards it.
   */
  CLEARED("未兑现, 案件已结清"),
  /** Still running when the loan was written off and the case closed: closed then, not kept. */
  WRITTENOFF("未兑现, 案件已核销");

  private final String label;

  PromiseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
