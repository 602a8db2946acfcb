package com.smeloanflow.notification;

/** Where a mail of the outbox stands. */
public enum MailStatus {
  /** Waiting for its (next) attempt at {@code next_attempt_at}. */
  PENDING,
  /** Taken by the SMTP server; the row is the record of the mail sent. */
  SENT,
  /**
   * Every attempt failed, or the mail could not be rendered when it was queued ({@link OutboxMail#renderFailed}, never
   * sent as it is); stays visible until an operator re-queues it.
   */
  FAILED
}
