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
 * <p>One scenario, run on H2 ({@link ReminderWithdrawalMigrationTest}) and on PostgreSQL
 * ({@link ReminderWithdrawalMigrationPostgresIT}).
 */
interface ReminderWithdrawalMigrationScenario {

  String SCRIPT = "db/migration/V131__withdraw_reminders_of_cured_cases.sql";

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
    if (template == MailTemplate.OVERDUE_REMINDER) {
      beans().getBean(CollectionRepository.class).insertContact(caseId, LocalDate.of(2026, 11, 2), ContactChannel.MAIL,
          ContactOutcome.MAIL_SENT, "逾期第1天提醒邮件", "system", queuedAt);
    }
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
}
