package com.smeloanflow.notification;

/**
 * What a mail of the outbox is about, and so what its {@code case_id} is and which
 * {@link MailValueProvider}s fill it. Each {@link MailTemplate} belongs to one case type.
 */
public enum MailCaseType {
  /** case id = application id (the business key of loan-origination). */
  APPLICATION,
  /** case id = loan id (the business key of the loan's collection case): mails to the borrower of a loan. */
  LOAN,
  /**
   * A mail to a member of staff about their work (an SLA reminder or escalation): case id = the business
   * key of the process the task belongs to (application, loan or prospect id). The recipient is given by the
   * sender, not by the {@link MailValueProvider}s.
   */
  STAFF
}
