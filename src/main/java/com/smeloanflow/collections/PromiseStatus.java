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
   * Still running when the case closed because the arrears were cleared or the loan settled, with less received since
   * it than promised: closed then, with what was received towards it. The borrower did pay what was overdue (that is
   * what closed the case), only less than the promise counted: a repayment reported late is applied as of its value
   * date and owes no penalty interest for the days after it, which the promise, made at the arrears of its day, had
   * included (e.g. an instalment paid on its due date and reported days later). So it is shown as what happened, neither
   * 未兑现 (the borrower paid) nor 已兑现 (the amount promised was not reached).
   */
  CLEARED("逾期欠款已还清, 案件已结清"),
  /**
   * Still running, and not kept by the repayments received since it, when the loan was written off and the case closed:
   * closed then, with what was received towards it.
   */
  WRITTENOFF("未兑现, 案件已核销");

  private final String label;

  PromiseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
