package com.smeloanflow.notification;

/**
 * What a mail of the outbox is about, and so what its {@code case_id} is. A loan-level mail of a
 * later stage (servicing, collections) adds {@code LOAN} with the loan id as case id, and value
 * providers keyed by loan id.
 */
public enum MailCaseType {
  /** case id = application id (the business key of loan-origination). */
  APPLICATION
}
