package com.smeloanflow.notification;

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
 * is told of a change rolled back). Each listener in a new transaction; a failure is logged and goes no further.
 */
@Component
class MailStatusNotices {

  private static final Logger log = LoggerFactory.getLogger(MailStatusNotices.class);

  /** Looked up when told, not when built: a listener's stage itself queues mails through {@link MailOutbox}. */
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

  /** The mail's status changed (in the caller's transaction, if one is open). */
  void changed(long id) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          tell(id);
        }
      });
    } else {
      tell(id);
    }
  }

  private void tell(long id) {
    for (MailStatusListener listener : listeners.orderedStream().toList()) {
      try {
        ownTransaction.executeWithoutResult(tx -> outbox.find(id).ifPresent(listener::statusChanged));
      } catch (RuntimeException e) {
        log.warn("Mail {}: {} was not told of its new status; the mail itself is not affected", id,
            listener.getClass().getSimpleName(), e);
      }
    }
  }
}
