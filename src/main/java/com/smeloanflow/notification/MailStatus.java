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
  FAILED,
  /**
   * Taken back before it was sent ({@link MailOutbox#withdraw}): what it says stopped being true, e.g. a borrower's
   * overdue reminder whose arrears were cured while it waited. Never sent, never re-queued; {@link
   * OutboxMail#withdrawnAt} and {@link OutboxMail#withdrawalReason} say when and why. A mail a dispatcher was sending
   * at that moment is still recorded SENT if the SMTP server took it.
   */
  WITHDRAWN
}
