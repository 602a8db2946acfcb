package com.smeloanflow.notification;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the {@link MailStatusListener}s that a mail's status changed: at once when no transaction is open (the
 * dispatcher records each outcome in a transaction of its own), else after the caller's transaction commits (nothing
 * is told of a change rolled back). Only the listeners that name the mail's template are told, each in a new transaction
 * that reads the mail as committed; a failure is logged and goes no further. A mail no listener names (a decision mail
 * to an applicant, say) is neither read nor told, and nothing waits for the caller's commit.
 */
@Component
class MailStatusNotices {

  private static final Logger log = LoggerFactory.getLogger(MailStatusNotices.class);

  /** Looked up at each change, not when built: a listener's stage itself queues mails through {@link MailOutbox}. */
  private final ObjectProvider<MailStatusListener> listeners;
  private final MailOutboxRepository outbox;
  private final TransactionTemplate ownTransaction;

  MailStatusNotices(ObjectProvider<MailStatusListener> listeners, MailOutboxRepository outbox,
      PlatformTransactionManager transactions) {
    this.listeners = listeners;
    this.outbox = outbox;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The status of mail {@code id}, of {@code template}, changed (in the caller's transaction, if one is open). */
  void changed(long id, MailTemplate template) {
    List<MailStatusListener> told = listeners.orderedStream().filter(l -> l.templates().contains(template)).toList();
    if (told.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          tell(id, told);
        }
      });
    } else {
      tell(id, told);
    }
  }

  private void tell(long id, List<MailStatusListener> told) {
    for (MailStatusListener listener : told) {
      try {
        ownTransaction.executeWithoutResult(tx -> outbox.find(id).ifPresent(listener::statusChanged));
      } catch (RuntimeException e) {
        log.warn("Mail {}: {} was not told of its new status; the mail itself is not affected", id,
            listener.getClass().getSimpleName(), e);
      }
    }
  }
}
