package com.smeloanflow.collections;

import java.util.List;

/** How the bank reached (or tried to reach) the borrower, and the outcomes each way can have. */
public enum ContactChannel {
  MAIL("逾期提醒邮件", List.of(ContactOutcome.MAIL_SENT, ContactOutcome.REMINDER_WITHDRAWN)),
  PHONE("电话催收", List.of(ContactOutcome.REACHED, ContactOutcome.PROMISE_TO_PAY, ContactOutcome.REFUSED,
      ContactOutcome.WRONG_NUMBER)),
  FIELD_VISIT("上门催收", List.of(ContactOutcome.MET_BORROWER, ContactOutcome.PROMISE_TO_PAY, ContactOutcome.REFUSED,
      ContactOutcome.NOT_FOUND)),
  ESCALATION("主管督办", List.of(ContactOutcome.PROMISE_TO_PAY, ContactOutcome.CONTINUE_COLLECTION)),
  LEGAL("诉讼跟进", List.of(ContactOutcome.LEGAL_IN_PROGRESS, ContactOutcome.LEGAL_UNRECOVERABLE));

  private final String label;
  private final List<ContactOutcome> outcomes;

  ContactChannel(String label, List<ContactOutcome> outcomes) {
    this.label = label;
    this.outcomes = outcomes;
  }

  public String label() {
    return label;
  }

  /** The outcomes a contact this way can have (a form offers exactly these). */
  public List<ContactOutcome> outcomes() {
    return outcomes;
  }
}
