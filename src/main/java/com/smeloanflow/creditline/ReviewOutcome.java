package com.smeloanflow.creditline;

import com.smeloanflow.notification.MailTemplate;

/** What an annual review decides for a line, and the mail that tells the borrower. */
public enum ReviewOutcome {
  /** The line goes on as it is (a frozen line becomes usable again: only when a customer manager decided it). */
  CONTINUE("维持额度", MailTemplate.CREDIT_LINE_CONTINUED),
  /** The limit is reduced to a share of it, never below what is drawn. */
  REDUCE("压降额度", MailTemplate.CREDIT_LINE_REDUCED),
  /** No further drawdowns; what is drawn is repaid as scheduled. */
  FREEZE("冻结额度", MailTemplate.CREDIT_LINE_FROZEN),
  /** The line ends; what is drawn is repaid as scheduled. */
  CLOSE("终止额度", MailTemplate.CREDIT_LINE_CLOSED);

  private final String label;
  private final MailTemplate mail;

  ReviewOutcome(String label, MailTemplate mail) {
    this.label = label;
    this.mail = mail;
  }

  public String label() {
    return label;
  }

  public MailTemplate mail() {
    return mail;
  }
}
