package com.smeloanflow.collections;

import static com.smeloanflow.collections.LegacyCollectionRows.CLOSED;
import static com.smeloanflow.collections.LegacyCollectionRows.OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.StateConflictException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V131 on a database whose collection cases ended (cured, settled) before V129 withdrew their reminders: the
 * reminders still in the outbox (FAILED, waiting for an operator's re-queue, or PENDING) are withdrawn as of the case's
 * close with the reason the code gives, the close reason notes it, and the case's contact for the reminder says
 * 提醒已撤回 (未发出); nothing else is touched. The cases and mails are written as the code before V129 left them; the
 * migration's script then runs on the database.
 *
 * <p>The present text works each step out once for all cases; the text it replaced ({@value #REPLACED_SCRIPT}, what
 * databases upgraded before then ran) counted each case's withdrawn reminders in a subquery per case, and must have
 * written the same on every row ({@link #thePresentTextWritesWhatTheReplacedTextWroteOnEveryRow()}).
 *
 * <p>One scenario, run on H2 ({@link ReminderWithdrawalMigrationTest}) and on PostgreSQL
 * ({@link ReminderWithdrawalMigrationPostgresIT}).
 */
interface ReminderWithdrawalMigrationScenario {

  String SCRIPT = "db/migration/V131__withdraw_reminders_of_cured_cases.sql";

  /** V131 as first released (1dbbcab), replaced because its close-reason step took minutes on a bank's book. */
  String REPLACED_SCRIPT = "db/replaced/V131__withdraw_reminders_of_cured_cases.sql";

  /** The note a close reason carries once its case's reminders not sent were withdrawn. */
  String WITHDRAWN_NOTE = "尚未发出的逾期还款提醒已撤回";

  /** The application's beans. */
  BeanFactory beans();

  private JdbcClient jdbc() {
    return beans().getBean(JdbcClient.class);
  }

  private MailOutbox outbox() {
    return beans().getBean(MailOutbox.class);
  }

  private String loan() {
    return LegacyCollectionRows.loan(beans());
  }

  /** A case as the code before V129 left it: closed with {@code status} and {@code reason} (or open, without them). */
  private String collectionCase(String loanId, String status, Instant opened, Instant closed, String reason) {
    return LegacyCollectionRows.collectionCase(beans(), "CCM", loanId, status, opened, closed, reason);
  }

  /** A mail of the loan queued at {@code queuedAt} and left in {@code status}; a reminder with its case's contact. */
  private long mail(String loanId, String caseId, MailTemplate template, MailStatus status, Instant queuedAt) {
    long id = queued(loanId, template, status, queuedAt);
    if (template == MailTemplate.OVERDUE_REMINDER) {
      beans().getBean(CollectionRepository.class).insertContact(caseId, LocalDate.of(2026, 11, 2), ContactChannel.MAIL,
          ContactOutcome.MAIL_SENT, "逾期第1天提醒邮件", "system", queuedAt);
    }
    return id;
  }

  /** A mail of the loan queued at {@code queuedAt} and left in {@code status}, no contact recorded for it. */
  private long queued(String loanId, MailTemplate template, MailStatus status, Instant queuedAt) {
    long id = new TransactionTemplate(beans().getBean(PlatformTransactionManager.class))
        .execute(tx -> outbox().enqueue(loanId, template));
    jdbc().sql("""
        UPDATE mail_outbox SET status = :status, created_at = :at, attempts = :attempts, last_error = :error,
          sent_at = :sentAt
        WHERE id = :id
        """)
        .param("status", status.name()).param("at", Timestamp.from(queuedAt))
        .param("attempts", status == MailStatus.PENDING ? 0 : 24)
        .param("error", status == MailStatus.FAILED ? "MailSendException: Connection refused" : null)
        .param("sentAt", status == MailStatus.SENT ? Timestamp.from(queuedAt.plusSeconds(30)) : null)
        .param("id", id).update();
    return id;
  }

  private void migrate() {
    LegacyCollectionRows.migrate(beans(), SCRIPT);
  }

  private List<ContactOutcome> contactOutcomes(String caseId) {
    return beans().getBean(CollectionRepository.class).contacts(caseId).stream().map(Contact::outcome).toList();
  }

  private String closeReason(String caseId) {
    return jdbc().sql("SELECT close_reason FROM collection_case WHERE case_id = :caseId").param("caseId", caseId)
        .query(String.class).single();
  }

  @Test
  default void aFailedReminderOfACaseCuredBeforeV129IsWithdrawnAsOfTheCloseAndCannotBeRequeued() {
    String loanId = loan();
    String caseId = collectionCase(loanId, CollectionCase.CURED, OPENED, CLOSED, "逾期欠款已结清 (交易 TXM" + loanId + ")");
    long reminder = mail(loanId, caseId, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, OPENED.plusSeconds(60));

    migrate();
    migrate();  // a second run finds nothing left to do

    OutboxMail withdrawn = outbox().get(reminder);
    assertThat(withdrawn.status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(withdrawn.withdrawnAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(CLOSED);
    assertThat(withdrawn.withdrawalReason())
        .isEqualTo("逾期欠款已结清 (交易 TXM" + loanId + "), 催收案件 " + caseId + " 已结案, 逾期还款提醒不再发送");
    assertThatThrownBy(() -> outbox().requeue(reminder, "admin")).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("撤回, 不会发送, 也不能重新排队");
    assertThat(closeReason(caseId)).isEqualTo("逾期欠款已结清 (交易 TXM" + loanId + "); 尚未发出的逾期还款提醒已撤回 (1 封)");
    assertThat(contactOutcomes(caseId)).containsExactly(ContactOutcome.REMINDER_WITHDRAWN);
  }

  @Test
  default void aReminderStillPendingWhenTheCloseSettledTheLoanBeforeV129IsWithdrawn() {
    String loanId = loan();
    String caseId = collectionCase(loanId, CollectionCase.CURED, OPENED, CLOSED, "贷款已结清 (2026-11-06 日终)");
    long reminder = mail(loanId, caseId, MailTemplate.OVERDUE_REMINDER, MailStatus.PENDING, OPENED.plusSeconds(60));

    migrate();

    assertThat(outbox().get(reminder).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox().get(reminder).withdrawalReason())
        .isEqualTo("贷款已结清 (2026-11-06 日终), 催收案件 " + caseId + " 已结案, 逾期还款提醒不再发送");
    assertThat(closeReason(caseId)).isEqualTo("贷款已结清 (2026-11-06 日终); 尚未发出的逾期还款提醒已撤回 (1 封)");
    assertThat(contactOutcomes(caseId)).containsExactly(ContactOutcome.REMINDER_WITHDRAWN);
  }

  @Test
  default void sentRemindersOtherMailsAndTheRemindersOfWrittenOffOrOpenCasesAreLeftAlone() {
    String writtenOffLoan = loan();
    String writtenOff = collectionCase(writtenOffLoan, CollectionCase.WRITTEN_OFF, OPENED, CLOSED, "核销本金 100000.00 元, 账销案存");
    long writtenOffReminder = mail(writtenOffLoan, writtenOff, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED,
        OPENED.plusSeconds(60));
    String loanId = loan();
    String cured = collectionCase(loanId, CollectionCase.CURED, OPENED, CLOSED, "逾期欠款已结清");
    long sent = mail(loanId, cured, MailTemplate.OVERDUE_REMINDER, MailStatus.SENT, OPENED.plusSeconds(60));
    long callIn = mail(loanId, cured, MailTemplate.LOAN_CALLED_IN, MailStatus.FAILED, OPENED.plusSeconds(120));
    String open = collectionCase(loanId, CollectionCase.OPEN, CLOSED.plusSeconds(86_400 * 30), null, null);
    long openReminder = mail(loanId, open, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED,
        CLOSED.plusSeconds(86_400 * 30 + 60));

    migrate();

    assertThat(List.of(writtenOffReminder, sent, callIn, openReminder)).extracting(id -> outbox().get(id).status())
        .containsExactly(MailStatus.FAILED, MailStatus.SENT, MailStatus.FAILED, MailStatus.FAILED);
    assertThat(closeReason(cured)).isEqualTo("逾期欠款已结清");
    assertThat(closeReason(writtenOff)).isEqualTo("核销本金 100000.00 元, 账销案存");
    assertThat(List.of(writtenOff, cured, open)).flatExtracting(this::contactOutcomes)
        .containsOnly(ContactOutcome.MAIL_SENT).hasSize(3);
  }

  /** What V131 may write: each mail's status and withdrawal, each case's close reason, each contact's outcome. */
  record Written(java.util.Map<Long, List<Object>> mails, java.util.Map<String, String> closeReasons,
      java.util.Map<Long, String> contactOutcomes) {}

  private Written written(List<Long> mailIds, List<String> caseIds) {
    java.util.Map<Long, List<Object>> mails = new java.util.TreeMap<>();
    jdbc().sql("SELECT id, status, withdrawn_at, withdrawal_reason FROM mail_outbox WHERE id IN (:ids)")
        .param("ids", mailIds).query((rs, n) -> {
          java.time.OffsetDateTime withdrawnAt = rs.getObject("withdrawn_at", java.time.OffsetDateTime.class);
          return mails.put(rs.getLong("id"), java.util.Arrays.asList(rs.getString("status"),
              withdrawnAt == null ? null : withdrawnAt.toInstant(), rs.getString("withdrawal_reason")));
        }).list();
    java.util.Map<String, String> closeReasons = new java.util.TreeMap<>();
    jdbc().sql("SELECT case_id, close_reason FROM collection_case WHERE case_id IN (:ids)").param("ids", caseIds)
        .query((rs, n) -> closeReasons.put(rs.getString("case_id"), rs.getString("close_reason"))).list();
    java.util.Map<Long, String> contactOutcomes = new java.util.TreeMap<>();
    jdbc().sql("SELECT id, outcome FROM collection_contact WHERE case_id IN (:ids)").param("ids", caseIds)
        .query((rs, n) -> contactOutcomes.put(rs.getLong("id"), rs.getString("outcome"))).list();
    return new Written(mails, closeReasons, contactOutcomes);
  }

  private void restore(Written before) {
    before.mails().forEach((id, mail) -> jdbc().sql("""
            UPDATE mail_outbox SET status = :status, withdrawn_at = :withdrawnAt, withdrawal_reason = :reason
            WHERE id = :id
            """).param("status", mail.get(0))
        .param("withdrawnAt", mail.get(1) == null ? null : Timestamp.from((Instant) mail.get(1)))
        .param("reason", mail.get(2), java.sql.Types.VARCHAR).param("id", id).update());
    before.closeReasons().forEach((caseId, reason) -> jdbc()
        .sql("UPDATE collection_case SET close_reason = :reason WHERE case_id = :caseId")
        .param("reason", reason, java.sql.Types.VARCHAR).param("caseId", caseId).update());
    before.contactOutcomes().forEach((id, outcome) -> jdbc()
        .sql("UPDATE collection_contact SET outcome = :outcome WHERE id = :id").param("outcome", outcome)
        .param("id", id).update());
  }

  /** A reminder of the case withdrawn since V129 (by the code), {@code heldBy} a dispatcher or not, with its contact. */
  private long withdrawnReminder(String loanId, String caseId, Instant queuedAt, String heldBy) {
    long id = mail(loanId, caseId, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, queuedAt);
    jdbc().sql("""
        UPDATE mail_outbox SET status = 'WITHDRAWN', withdrawn_at = :at, withdrawal_reason = '逾期欠款已结清',
          claim_owner = :heldBy
        WHERE id = :id
        """).param("at", Timestamp.from(CLOSED)).param("heldBy", heldBy, java.sql.Types.VARCHAR).param("id", id)
        .update();
    return id;
  }

  /** A reminder of the loan queued at {@code queuedAt} while no case of it was open, left in {@code status}. */
  private long reminderOutsideTheCases(String loanId, MailStatus status, Instant queuedAt) {
    return queued(loanId, MailTemplate.OVERDUE_REMINDER, status, queuedAt);
  }

  @Test
  default void thePresentTextWritesWhatTheReplacedTextWroteOnEveryRow() {
    // Loan A: two cured cases one after the other, then an open one, and reminders queued outside them; the first
    // case with a reminder sent, one failed and one pending, a call and another template's mail between them, and a
    // reminder withdrawn since V129 that a dispatcher held; the second with a failed reminder. Loan B: a cured case without any reminder, one whose close reason already
    // carries the note, one written off. Loans C and D: close reasons near the lengths of withdrawal_reason (300) and
    // close_reason (500).
    String loanA = loan();
    Instant second = CLOSED.plusSeconds(86_400 * 10);
    Instant third = CLOSED.plusSeconds(86_400 * 30);
    String curedFirst = collectionCase(loanA, CollectionCase.CURED, OPENED, CLOSED, "逾期欠款已结清 (交易 TXA" + loanA + ")");
    String curedSecond = collectionCase(loanA, CollectionCase.CURED, second, second.plusSeconds(86_400 * 5),
        "贷款已结清 (2026-11-21 日终)");
    String open = collectionCase(loanA, CollectionCase.OPEN, third, null, null);
    List<Long> mails = new java.util.ArrayList<>();
    mails.add(reminderOutsideTheCases(loanA, MailStatus.FAILED, OPENED.minusSeconds(86_400)));
    mails.add(mail(loanA, curedFirst, MailTemplate.OVERDUE_REMINDER, MailStatus.SENT, OPENED.plusSeconds(60)));
    mails.add(withdrawnReminder(loanA, curedFirst, OPENED.plusSeconds(120), "node-1/claim-7"));
    mails.add(mail(loanA, curedFirst, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, OPENED.plusSeconds(86_400)));
    beans().getBean(CollectionRepository.class).insertContact(curedFirst, LocalDate.of(2026, 11, 3),
        ContactChannel.PHONE, ContactOutcome.REACHED, "借款人称资金周转困难", "remote-verifier", OPENED.plusSeconds(90_000));
    mails.add(mail(loanA, curedFirst, MailTemplate.LOAN_CALLED_IN, MailStatus.FAILED, OPENED.plusSeconds(100_000)));
    mails.add(mail(loanA, curedFirst, MailTemplate.OVERDUE_REMINDER, MailStatus.PENDING, OPENED.plusSeconds(86_400 * 2)));
    mails.add(mail(loanA, curedSecond, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, second.plusSeconds(60)));
    mails.add(reminderOutsideTheCases(loanA, MailStatus.PENDING, second.plusSeconds(86_400 * 6)));
    mails.add(mail(loanA, open, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, third.plusSeconds(60)));
    String loanB = loan();
    String noReminder = collectionCase(loanB, CollectionCase.CURED, OPENED, CLOSED, "逾期欠款已结清");
    String noted = collectionCase(loanB, CollectionCase.CURED, second, second.plusSeconds(86_400),
        "逾期欠款已结清; " + WITHDRAWN_NOTE + " (1 封)");
    mails.add(withdrawnReminder(loanB, noted, second.plusSeconds(60), null));
    mails.add(mail(loanB, noted, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, second.plusSeconds(120)));
    String writtenOff = collectionCase(loanB, CollectionCase.WRITTEN_OFF, third, third.plusSeconds(86_400),
        "核销本金 100000.00 元, 账销案存");
    mails.add(mail(loanB, writtenOff, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, third.plusSeconds(60)));
    String loanC = loan();
    String nearWithdrawalLimit = collectionCase(loanC, CollectionCase.CURED, OPENED, CLOSED,
        "逾期欠款已结清, 说明: " + "借款人分三次还清".repeat(35));
    mails.add(mail(loanC, nearWithdrawalLimit, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, OPENED.plusSeconds(60)));
    String loanD = loan();
    String nearCloseLimit = collectionCase(loanD, CollectionCase.CURED, OPENED, CLOSED,
        "逾期欠款已结清, 说明: " + "借款人分三次还清".repeat(60));
    mails.add(mail(loanD, nearCloseLimit, MailTemplate.OVERDUE_REMINDER, MailStatus.PENDING, OPENED.plusSeconds(60)));
    mails.add(mail(loanD, nearCloseLimit, MailTemplate.OVERDUE_REMINDER, MailStatus.FAILED, OPENED.plusSeconds(120)));
    List<String> cases = List.of(curedFirst, curedSecond, open, noReminder, noted, writtenOff, nearWithdrawalLimit,
        nearCloseLimit);
    Written before = written(mails, cases);

    LegacyCollectionRows.migrate(beans(), REPLACED_SCRIPT);
    Written byReplacedText = written(mails, cases);
    restore(before);
    assertThat(written(mails, cases)).isEqualTo(before);
    migrate();
    Written byPresentText = written(mails, cases);
    migrate();  // a second run changes nothing

    assertThat(written(mails, cases)).isEqualTo(byPresentText);
    assertThat(byPresentText.mails()).isEqualTo(byReplacedText.mails());
    assertThat(byPresentText.closeReasons()).isEqualTo(byReplacedText.closeReasons());
    assertThat(byPresentText.contactOutcomes()).isEqualTo(byReplacedText.contactOutcomes());
    assertThat(byPresentText.mails().values()).extracting(mail -> mail.get(0)).containsExactly(
        "FAILED", "SENT", "WITHDRAWN", "WITHDRAWN", "FAILED", "WITHDRAWN", "WITHDRAWN", "PENDING", "FAILED",
        "WITHDRAWN", "WITHDRAWN", "FAILED", "WITHDRAWN", "WITHDRAWN", "WITHDRAWN");
    assertThat(byPresentText.closeReasons()).containsEntry(curedFirst,
        "逾期欠款已结清 (交易 TXA" + loanA + "); " + WITHDRAWN_NOTE + " (3 封)")
        .containsEntry(curedSecond, "贷款已结清 (2026-11-21 日终); " + WITHDRAWN_NOTE + " (1 封)")
        .containsEntry(open, null).containsEntry(noReminder, "逾期欠款已结清")
        .containsEntry(noted, "逾期欠款已结清; " + WITHDRAWN_NOTE + " (1 封)")
        .containsEntry(writtenOff, "核销本金 100000.00 元, 账销案存");
    assertThat(byPresentText.mails().get(mails.get(12)).get(2)).asString().hasSize(300)
        .startsWith(before.closeReasons().get(nearWithdrawalLimit) + ", 催收案件");
    assertThat(byPresentText.closeReasons().get(nearCloseLimit)).hasSize(500)
        .startsWith(before.closeReasons().get(nearCloseLimit) + "; " + WITHDRAWN_NOTE.substring(0, 2));
    // The contacts: the first case's third mail contact, its pending reminder's, the second case's and the noted
    // case's two; the reminder a dispatcher held keeps its contact's outcome.
    assertThat(contactOutcomes(curedFirst)).containsExactly(ContactOutcome.MAIL_SENT, ContactOutcome.MAIL_SENT,
        ContactOutcome.REMINDER_WITHDRAWN, ContactOutcome.REACHED, ContactOutcome.REMINDER_WITHDRAWN);
    assertThat(contactOutcomes(noted)).containsOnly(ContactOutcome.REMINDER_WITHDRAWN).hasSize(2);
    assertThat(contactOutcomes(open)).containsExactly(ContactOutcome.MAIL_SENT);
  }
}
