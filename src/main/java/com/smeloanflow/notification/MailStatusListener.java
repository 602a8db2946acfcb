package com.smeloanflow.notification;

/**
 * Told that a mail of the outbox changed its status, once that change is committed: sent ({@link MailStatus#SENT}),
 * failed for good ({@link MailStatus#FAILED}), withdrawn ({@link MailStatus#WITHDRAWN}) or re-queued by an operator
 * ({@link MailStatus#PENDING} again). A stage that copied a mail's status somewhere (a task's form values) refreshes
 * it here; notification itself knows no stage. Each listener runs in a transaction of its own; one that throws is
 * logged and rolled back, and never fails nor undoes the mail's sending or the change that withdrew it.
 */
public interface MailStatusListener {

  void statusChanged(OutboxMail mail);
}
