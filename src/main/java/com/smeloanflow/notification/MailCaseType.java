package com.smeloanflow.notification;

/**
 * What a mail of the outbox is about, and so what its {@code case_id} is and which
 * {@link MailValueProvider}s fill it. Each {@link MailTemplate} belongs to one case type.
 */
public enum MailCaseType {
  /** case id = application id (the business key of loan-origination). */
  APPLICATION,
  /** case id = loan id (the business key of the loan's collection case): mails to the borrower of a loan. */
  LOAN
}
