package com.smeloanflow.notification;

/**
 * What a mail of the outbox is about, and so what its {@code case_id} is. A loan-level mail of a
 * later stage (servicing, collections) adds {@code LOAN} with the loan id as case id, and value
 * providers keyed by loan id.
 */
public enum MailCaseType {
  /** case id = application id (the business key of loan-origination). */
  APPLICATION,
  /**
   * A mail to a member of staff about their work (an SLA reminder or escalation): case id = the business
   * key of the process the task belongs to (application, loan or prospect id). The recipient is given by the
   * sender, not by the {@link MailValueProvider}s.
   */
  STAFF
}
