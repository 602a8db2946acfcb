package com.smeloanflow.collections;

import static com.smeloanflow.collections.LegacyCollectionRows.CLOSED;
import static com.smeloanflow.collections.LegacyCollectionRows.OPENED;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V132 on a database whose mail contacts were recorded before they named their mail: each case's reminders and mail
 * contacts are paired in the order they were made, so staff then read what became of each contact's own mail, and a
 * later withdrawal marks the right contact. The cases, mails and contacts are written as the code before V132 left
 * them (no {@code mail_id}); the migration's script then runs on the database.
 *
 * <p>One scenario, run on H2 ({@link ContactMailBackfillMigrationTest}) and on PostgreSQL
 * ({@link ContactMailBackfillMigrationPostgresIT}).
 */
interface ContactMailBackfillScenario {

  String SCRIPT = "db/migration/V132__collection_contact_mail_id.sql";

  /** The application's beans. */
  BeanFactory beans();

  private JdbcClient jdbc() {
    return beans().getBean(JdbcClient.class);
  }

  private String loan() {
    return LegacyCollectionRows.loan(beans());
  }

  private String collectionCase(String loanId, String status, Instant opened, Instant closed) {
    return LegacyCollectionRows.collectionCase(beans(), "CCB", loanId, status, opened, closed,
        "逾期欠款已结清");
  }

  /** A reminder of the loan queued at {@code queuedAt}, left in {@code status}, with its case's contact (no mail_id). */
  private long reminder(String loanId, String caseId, MailStatus status, Instant queuedAt) {
    long id = new TransactionTemplate(beans().getBean(PlatformTransactionManager.class))
        .execute(tx -> beans().getBean(MailOutbox.class).enqueue(loanId, MailTemplate.OVERDUE_REMINDER));
    jdbc().sql("UPDATE mail_outbox SET status = :status, created_at = :at WHERE id = :id")
        .param("status", status.name()).param("at", Timestamp.from(queuedAt)).param("id", id).update();
    beans().getBean(CollectionRepository.class).insertContact(caseId, LocalDate.of(2026, 11, 2), ContactChannel.MAIL,
        ContactOutcome.MAIL_SENT, "逾期第1天提醒邮件", "system", queuedAt);
    return id;
  }

  private void migrate() {
    LegacyCollectionRows.migrate(beans(), SCRIPT);
  }

  private List<Contact> contacts(String caseId) {
    return beans().getBean(CollectionRepository.class).contacts(caseId);
  }

  @Test
  default void eachMailContactOfACaseIsPairedWithItsReminderInOrderAndShowsWhatBecameOfIt() {
    String loanId = loan();
    String earlier = collectionCase(loanId, CollectionCase.CURED, OPENED, CLOSED);
    long earlierReminder = reminder(loanId, earlier, MailStatus.SENT, OPENED.plusSeconds(60));
    Instant reopened = CLOSED.plusSeconds(86_400 * 30);
    String open = collectionCase(loanId, CollectionCase.OPEN, reopened, null);
    long first = reminder(loanId, open, MailStatus.SENT, reopened.plusSeconds(60));
    long second = reminder(loanId, open, MailStatus.FAILED, reopened.plusSeconds(86_400 * 7));
    beans().getBean(CollectionRepository.class).insertContact(open, LocalDate.of(2026, 12, 9), ContactChannel.PHONE,
        ContactOutcome.REACHED, "借款人称资金周转困难", "remote-verifier", reopened.plusSeconds(86_400 * 2));
    assertThat(contacts(open)).extracting(Contact::mailId).containsOnlyNulls();

    migrate();
    migrate();  // a second run changes nothing

    assertThat(contacts(earlier)).extracting(Contact::mailId, Contact::resultLabel)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(earlierReminder, "已发送提醒"));
    assertThat(contacts(open)).extracting(Contact::mailId, Contact::resultLabel).containsExactly(
        org.assertj.core.groups.Tuple.tuple(first, "已发送提醒"),
        org.assertj.core.groups.Tuple.tuple(second, "提醒发送失败, 待重发"),
        org.assertj.core.groups.Tuple.tuple(null, "已联系上, 未作承诺"));
  }
}
