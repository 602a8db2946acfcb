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
 * <p>The present text numbers the mail contacts and the reminders once each, into work tables, and pairs them by key;
 * the texts it replaced, which databases upgraded before then ran, asked for the pairing once per contact (the first,
 * {@value #REPLACED_SCRIPT}) and joined the two numberings as subqueries, which H2 numbers again for each row joined
 * (the second, {@value #SECOND_REPLACED_SCRIPT}). All three must write the same {@code mail_id} everywhere
 * ({@link #thePresentTextPairsEveryContactAsBothReplacedTextsDid()}).
 *
 * <p>One scenario, run on H2 ({@link ContactMailBackfillMigrationTest}) and on PostgreSQL
 * ({@link ContactMailBackfillMigrationPostgresIT}).
 */
interface ContactMailBackfillScenario {

  String SCRIPT = "db/migration/V132__collection_contact_mail_id.sql";

  /** V132 as first released (b0cc15c), replaced because it took hours on a bank's book. */
  String REPLACED_SCRIPT = "db/replaced/V132__collection_contact_mail_id.sql";

  /** V132 as released the second time (d9cad5d), replaced because it took hours on H2 with a bank's book. */
  String SECOND_REPLACED_SCRIPT = "db/replaced-second-text/V132__collection_contact_mail_id.sql";

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

  /** A mail of the loan other than a reminder's contact would record: {@code template}, queued at {@code queuedAt}. */
  private long mail(String loanId, MailTemplate template, Instant queuedAt) {
    long id = new TransactionTemplate(beans().getBean(PlatformTransactionManager.class))
        .execute(tx -> beans().getBean(MailOutbox.class).enqueue(loanId, MailTemplate.OVERDUE_REMINDER));
    jdbc().sql("UPDATE mail_outbox SET template = :template, status = 'SENT', created_at = :at WHERE id = :id")
        .param("template", template.name()).param("at", Timestamp.from(queuedAt)).param("id", id).update();
    return id;
  }

  private long mailContact(String caseId, Instant at) {
    return beans().getBean(CollectionRepository.class).insertContact(caseId, LocalDate.of(2026, 11, 2),
        ContactChannel.MAIL, ContactOutcome.MAIL_SENT, "逾期提醒邮件", "system", at);
  }

  private java.util.Map<Long, Long> mailIds(List<String> caseIds) {
    java.util.Map<Long, Long> mailIds = new java.util.TreeMap<>();
    caseIds.forEach(caseId -> contacts(caseId).forEach(contact -> mailIds.put(contact.id(), contact.mailId())));
    return mailIds;
  }

  private void restore(java.util.Map<Long, Long> mailIds) {
    mailIds.forEach((contactId, mailId) -> jdbc().sql("UPDATE collection_contact SET mail_id = :mailId WHERE id = :id")
        .param("mailId", mailId, java.sql.Types.BIGINT).param("id", contactId).update());
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

  @Test
  default void thePresentTextPairsEveryContactAsBothReplacedTextsDid() {
    // Loan A: a cured case and, a month after, an open one. Reminders queued outside both cases' open windows, a case
    // with more mail contacts than reminders and one with more reminders than contacts, a contact already naming a
    // mail, calls between the mails, and another template's mail inside a window. Loan B: reminders queued at the very
    // moment its case opened and at the moment it closed (both inside its window).
    String loanA = loan();
    String loanB = loan();
    Instant reopened = CLOSED.plusSeconds(86_400 * 30);
    long beforeAnyCase = mail(loanA, MailTemplate.OVERDUE_REMINDER, OPENED.minusSeconds(86_400));
    String cured = collectionCase(loanA, CollectionCase.CURED, OPENED, CLOSED);
    long curedFirst = reminder(loanA, cured, MailStatus.SENT, OPENED.plusSeconds(60));
    beans().getBean(CollectionRepository.class).insertContact(cured, LocalDate.of(2026, 11, 3), ContactChannel.PHONE,
        ContactOutcome.REACHED, "借款人称资金周转困难", "remote-verifier", OPENED.plusSeconds(3_600));
    mail(loanA, MailTemplate.REPAYMENT_ON_TIME, OPENED.plusSeconds(7_200));
    long curedSecond = reminder(loanA, cured, MailStatus.FAILED, OPENED.plusSeconds(86_400));
    long unpairedContact = mailContact(cured, OPENED.plusSeconds(86_400 * 2));
    long betweenCases = mail(loanA, MailTemplate.OVERDUE_REMINDER, CLOSED.plusSeconds(86_400));
    String open = collectionCase(loanA, CollectionCase.OPEN, reopened, null);
    long alreadyNaming = mailContact(open, reopened.plusSeconds(30));
    jdbc().sql("UPDATE collection_contact SET mail_id = :mailId WHERE id = :id")
        .param("mailId", betweenCases).param("id", alreadyNaming).update();
    mail(loanA, MailTemplate.OVERDUE_REMINDER, reopened.plusSeconds(60));
    long openSecond = reminder(loanA, open, MailStatus.PENDING, reopened.plusSeconds(86_400 * 7));
    mail(loanA, MailTemplate.OVERDUE_REMINDER, reopened.plusSeconds(86_400 * 14));
    String otherLoan = collectionCase(loanB, CollectionCase.CURED, OPENED, CLOSED);
    long atTheOpening = reminder(loanB, otherLoan, MailStatus.SENT, OPENED);
    long otherLoanReminder = reminder(loanB, otherLoan, MailStatus.SENT, OPENED.plusSeconds(120));
    long atTheClose = reminder(loanB, otherLoan, MailStatus.PENDING, CLOSED);
    List<String> cases = List.of(cured, open, otherLoan);
    java.util.Map<Long, Long> before = mailIds(cases);

    LegacyCollectionRows.migrate(beans(), REPLACED_SCRIPT);
    java.util.Map<Long, Long> byFirstText = mailIds(cases);
    restore(before);
    LegacyCollectionRows.migrate(beans(), SECOND_REPLACED_SCRIPT);
    java.util.Map<Long, Long> bySecondText = mailIds(cases);
    restore(before);
    migrate();
    java.util.Map<Long, Long> byPresentText = mailIds(cases);

    assertThat(byPresentText).isEqualTo(byFirstText).isEqualTo(bySecondText);
    assertThat(contacts(cured)).extracting(Contact::mailId).containsExactly(curedFirst, null, curedSecond, null);
    assertThat(byPresentText).containsEntry(unpairedContact, null);
    // The contact naming a mail keeps it and is still the open case's first: the second takes the second reminder.
    assertThat(contacts(open)).extracting(Contact::mailId).containsExactly(betweenCases, openSecond);
    assertThat(contacts(otherLoan)).extracting(Contact::mailId)
        .containsExactly(atTheOpening, otherLoanReminder, atTheClose);
    assertThat(byPresentText.values()).doesNotContain(beforeAnyCase);
  }
}
