package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * A stage told of a mail's new status (e.g. collections refreshing an open task's 联系记录) never fails the outbox: a
 * listener that throws is logged, the others are told all the same and the caller (the dispatcher that just sent the
 * mail, the close that withdrew it) goes on. A change made in a transaction is told once it commits, not before. Only
 * the listeners that name the mail's template are told; a mail none names is not even read.
 */
class MailStatusNoticesTest {

  private static final OutboxMail SENT = new OutboxMail(7, MailCaseType.LOAN, "LN20261201000001",
      MailTemplate.OVERDUE_REMINDER, "borrower@example.com", "逾期还款提醒", "…", MailStatus.SENT, 1, null, null,
      Instant.parse("2026-12-01T01:00:00Z"), Instant.parse("2026-12-01T01:00:05Z"), false, null, null);

  private final MailOutboxRepository outbox = mock(MailOutboxRepository.class);
  private final List<OutboxMail> told = new ArrayList<>();
  private final MailStatusNotices notices = notices(listener(MailTemplate.OVERDUE_REMINDER, mail -> {
    throw new IllegalStateException("task query failed");
  }), listener(MailTemplate.OVERDUE_REMINDER, told::add));

  @SuppressWarnings("unchecked")
  private MailStatusNotices notices(MailStatusListener... listeners) {
    ObjectProvider<MailStatusListener> provider = mock(ObjectProvider.class);
    when(provider.orderedStream()).thenAnswer(call -> Stream.of(listeners));
    when(outbox.find(SENT.id())).thenReturn(Optional.of(SENT));
    return new MailStatusNotices(provider, outbox, mock(PlatformTransactionManager.class));
  }

  /** A stage's listener that is told of the mails of {@code template} only. */
  private static MailStatusListener listener(MailTemplate template, Consumer<OutboxMail> told) {
    return new MailStatusListener() {
      @Override
      public Set<MailTemplate> templates() {
        return Set.of(template);
      }

      @Override
      public void statusChanged(OutboxMail mail) {
        told.accept(mail);
      }
    };
  }

  @Test
  void aListenerThatFailsNeitherFailsTheSendingNorKeepsTheOthersFromBeingTold() {
    notices.changed(SENT.id(), SENT.template());

    assertThat(told).containsExactly(SENT);
  }

  @Test
  void aChangeInATransactionIsToldOnlyOnceItCommits() {
    TransactionSynchronizationManager.initSynchronization();
    try {
      notices.changed(SENT.id(), SENT.template());
      assertThat(told).as("not before the commit").isEmpty();

      TransactionSynchronizationUtils.triggerAfterCommit();
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }
    assertThat(told).containsExactly(SENT);
  }

  /**
   * A decision mail to an applicant, a decline, a staff reminder: no stage copied their status anywhere, so a change
   * of theirs costs no read of the outbox and tells no listener, in a transaction or not.
   */
  @Test
  void aMailNoListenerNamesIsNeitherReadNorTold() {
    List<OutboxMail> toldOfReminders = new ArrayList<>();
    MailStatusNotices reminderListenerOnly = notices(listener(MailTemplate.OVERDUE_REMINDER, toldOfReminders::add));

    reminderListenerOnly.changed(SENT.id(), MailTemplate.APPLICATION_REJECTED);
    TransactionSynchronizationManager.initSynchronization();
    try {
      reminderListenerOnly.changed(SENT.id(), MailTemplate.APPLICATION_REJECTED);
      assertThat(TransactionSynchronizationManager.getSynchronizations()).as("nothing waits for the commit").isEmpty();
      TransactionSynchronizationUtils.triggerAfterCommit();
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }

    assertThat(toldOfReminders).isEmpty();
    verify(outbox, never()).find(anyLong());
  }
}
