package com.smeloanflow.notification;

import java.util.Set;

/**
 * Told that a mail of the outbox changed its status, once that change is committed: sent ({@link MailStatus#SENT}),
 * failed for good ({@link MailStatus#FAILED}), withdrawn ({@link MailStatus#WITHDRAWN}) or re-queued by an operator
 * ({@link MailStatus#PENDING} again). A stage that copied a mail's status somewhere (a task's form values) refreshes
 * it here; notification itself knows no stage. Only mails of the {@link #templates} a listener names are read and told
 * to it; a change of a mail no listener names costs nothing. Each listener runs in a transaction of its own; one that
 * throws is logged and rolled back, and never fails nor undoes the mail's sending or the change that withdrew it.
 */
public interface MailStatusListener {

  /** The templates whose mails this listener is told of (each template belongs to one {@link MailCaseType}). */
  Set<MailTemplate> templates();

  void statusChanged(OutboxMail mail);
}
