package com.smeloanflow.collections;

/** The outcome of a contact attempt, as staff record it. */
public enum ContactOutcome {
  MAIL_SENT("已发送提醒"),
  /**
   * The reminder was still in the outbox when its case ended (cured, settled): withdrawn, the borrower never got it.
   * Stored only by migration V131 on the contacts of reminders withdrawn before the contacts named their mail; a case's
   * withdrawal leaves the contact as it is, and staff read the mail's status ({@link Contact#resultLabel}).
   */
  REMINDER_WITHDRAWN("提醒已撤回 (未发出)"),
  REACHED("已联系上, 未作承诺"),
  PROMISE_TO_PAY("承诺还款"),
  REFUSED("拒绝还款"),
  WRONG_NUMBER("号码错误/无法接通"),
  MET_BORROWER("见到借款人, 未作承诺"),
  NOT_FOUND("未找到借款人"),
  CONTINUE_COLLECTION("继续催收"),
  LEGAL_IN_PROGRESS("诉讼进行中"),
  LEGAL_UNRECOVERABLE("诉讼终结, 无可执行财产");

  private final String label;

  ContactOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
