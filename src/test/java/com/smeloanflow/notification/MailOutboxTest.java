package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.BrokenMailValues;
import com.smeloanflow.support.ApiClient.Response;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

/**
 * The mail outbox on its own: a mail is queued with the state change that causes it and sent apart
 * from it, retried with back-off while the SMTP server is down, FAILED after the last attempt until
 * an operator re-queues it, and never sent by two dispatchers at once.
 */
class MailOutboxTest extends AbstractIntegrationTest implements MailDispatchRaceScenario {

  @Autowired MailOutbox outbox;
  @Autowired DeclineService declines;
  @Autowired MailOutboxProperties properties;
  @Autowired ApplicationHistory history;
  @Autowired BeanFactory beans;
  @Autowired MailOutboxRepository rows;

  // --- queued with the state change ------------------------------------------------------------

  @Test
  void mailQueuedInATransactionThatRollsBackIsNeverSent() {
    Applicant applicant = newApplicant();

    transaction().executeWithoutResult(tx -> {
      outbox.enqueue(applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING);
      tx.setRollbackOnly(); // the state change failed
    });

    assertThat(outbox.mailsOf(applicant.applicationId())).isEmpty();
    assertThat(dispatchMails(applicant.applicationId())).isZero();
    assertThat(mailsTo(applicant.email())).isEmpty();
  }

  @Test
  void mailIsQueuedWithTheCallersTransactionAndNotSentUntilDispatched() {
    Applicant applicant = newApplicant();

    long id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);

    OutboxMail mail = outbox.get(id);
    assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
    assertThat(mail.attempts()).isZero();
    assertThat(mail.recipient()).isEqualTo(applicant.email());
    assertThat(mail.subject()).contains(applicant.applicationId(), "补充资料");
    assertThat(mail.body()).contains("张明");
    assertThat(mailsTo(applicant.email())).as("queued, not sent").isEmpty();
  }

  @Test
  void queueingOutsideATransactionIsRefused() {
    Applicant applicant = newApplicant();

    assertThatThrownBy(() -> outbox.enqueue(applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING))
        .isInstanceOf(IllegalTransactionStateException.class);
    assertThat(outbox.mailsOf(applicant.applicationId())).isEmpty();
  }

  @Test
  void mailWhosePlaceholderHasNoValueIsQueuedFailedNamingItAndTheStateChangeCommits() {
    Applicant applicant = newApplicant(); // no contract yet: nothing provides ${contractText}

    long id = transaction().execute(tx -> {
      history.record(applicant.applicationId(), "system", "TEST_STATE_CHANGE", "the state change the mail is about");
      return queue(applicant, MailTemplate.CONTRACT_READY);
    });

    assertThat(history.of(applicant.applicationId())).extracting(ApplicationHistory.Event::eventType)
        .as("the state change committed").contains("TEST_STATE_CHANGE");
    OutboxMail mail = outbox.get(id);
    assertThat(mail.status()).isEqualTo(MailStatus.FAILED);
    assertThat(mail.renderFailed()).isTrue();
    assertThat(mail.lastError()).contains("CONTRACT_READY", "APPLICATION " + applicant.applicationId(), "${contractText}");
    assertThat(mail.recipient()).as("resolved before the template failed").isEqualTo(applicant.email());
    assertThat(mail.subject()).isEmpty();
    assertThat(mail.body()).isEmpty();
    assertThat(dispatchMails(applicant.applicationId())).as("never sent as it is").isZero();
    assertThat(mailsTo(applicant.email())).isEmpty();
  }

  @Test
  void mailWhoseValuesCannotBeReadIsQueuedFailedAndALaterMailOfTheCaseIsSent() {
    Applicant applicant = newApplicant();
    BrokenMailValues.breakApplicationMails(applicant.applicationId(), BrokenMailValues.Fault.SQL_ERROR);
    long broken;
    try {
      broken = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    } finally {
      BrokenMailValues.repairAll();
    }
    long later = queue(applicant, MailTemplate.DOCUMENTS_MISSING);

    assertThat(outbox.get(broken).status()).isEqualTo(MailStatus.FAILED);
    assertThat(outbox.get(broken).lastError()).contains("DOCUMENTS_MISSING", applicant.applicationId(), "no_such_column");
    assertThat(dispatchMails(applicant.applicationId())).as("a mail never rendered holds no later one up").isEqualTo(1);
    assertThat(outbox.get(later).status()).isEqualTo(MailStatus.SENT);
    assertThat(outbox.get(broken).status()).isEqualTo(MailStatus.FAILED);
  }

  @Test
  void mailSaysWhatWasTrueWhenItWasQueued() {
    Applicant applicant = newApplicant();
    applications.updateMissingDocuments(applicant.applicationId(), List.of(RequiredDocument.BANK_STATEMENTS), Instant.now());
    queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    applications.updateMissingDocuments(applicant.applicationId(), List.of(RequiredDocument.BUSINESS_LICENCE), Instant.now());

    dispatchMails(applicant.applicationId());

    assertThat(mailsTo(applicant.email())).singleElement().satisfies(mail ->
        assertThat(bodyOf(mail)).contains(RequiredDocument.BANK_STATEMENTS.label())
            .doesNotContain(RequiredDocument.BUSINESS_LICENCE.label()));
  }

  // --- sent apart from it ----------------------------------------------------------------------

  @Test
  void dueMailIsSentOnceMarkedSentAndRecordedInTheApplicationsHistory() {
    Applicant applicant = newApplicant();
    long id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);

    assertThat(dispatchMails(applicant.applicationId())).isEqualTo(1);
    assertThat(dispatchMails(applicant.applicationId())).as("a sent mail is not sent again").isZero();

    List<MimeMessage> received = mailsTo(applicant.email());
    OutboxMail mail = outbox.get(id);
    assertThat(received).singleElement().satisfies(message -> {
      assertThat(subjectOf(message)).isEqualTo(mail.subject());
      assertThat(bodyOf(message).strip()).isEqualTo(mail.body().strip());
    });
    assertThat(mail.status()).isEqualTo(MailStatus.SENT);
    assertThat(mail.attempts()).isEqualTo(1);
    assertThat(mail.sentAt()).isNotNull();
    assertThat(history.of(applicant.applicationId())).extracting(ApplicationHistory.Event::eventType).contains("MAIL_SENT");
  }

  @Test
  void mailStaysPendingWithBackOffWhileTheSmtpServerIsDownAndIsSentWhenItIsBack() {
    stopClock();
    Instant queuedAt = ClockUtil.getCurrentTime().toInstant();
    Applicant applicant = newApplicant();
    long id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    mailServer.stop();

    assertThat(dispatchMails(applicant.applicationId())).isZero();

    OutboxMail afterFirst = outbox.get(id);
    assertThat(afterFirst.status()).isEqualTo(MailStatus.PENDING);
    assertThat(afterFirst.attempts()).isEqualTo(1);
    assertThat(afterFirst.nextAttemptAt()).isEqualTo(queuedAt.plus(Duration.ofMinutes(1)));
    assertThat(afterFirst.lastError()).isNotBlank();

    moveClockBy(Duration.ofSeconds(59));
    dispatchMails(applicant.applicationId());
    assertThat(outbox.get(id).attempts()).as("not due before its back-off").isEqualTo(1);

    moveClockBy(Duration.ofSeconds(1));
    dispatchMails(applicant.applicationId());
    OutboxMail afterSecond = outbox.get(id);
    assertThat(afterSecond.attempts()).isEqualTo(2);
    assertThat(afterSecond.nextAttemptAt()).isEqualTo(queuedAt.plus(Duration.ofMinutes(1 + 5)));

    mailServer.start();
    moveClockBy(Duration.ofMinutes(5));
    assertThat(dispatchMails(applicant.applicationId())).isEqualTo(1);

    assertThat(mailsTo(applicant.email())).hasSize(1);
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.SENT);
    assertThat(outbox.get(id).attempts()).isEqualTo(3);
  }

  @Test
  void applicantsMailsGoOutInTheOrderTheyWereQueuedAfterAnOutage() {
    Applicant applicant = newApplicant();
    long first = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    mailServer.stop();
    dispatchMails(applicant.applicationId());
    moveClockBy(Duration.ofMinutes(1));
    dispatchMails(applicant.applicationId()); // second failure: the first mail waits 5 minutes now
    transaction().executeWithoutResult(tx -> declines.decline(DeclineService.Decline.withdrawal(applicant.applicationId(),
        Stage.INTAKE, "补件已超期", CustomerReason.DOCUMENTS_NOT_SUPPLIED, null)));
    long second = queue(applicant, MailTemplate.APPLICATION_WITHDRAWN);
    mailServer.start();

    assertThat(dispatchMails(applicant.applicationId())).as("the later mail waits for the earlier one").isZero();
    assertThat(outbox.get(second).attempts()).isZero();

    moveClockBy(Duration.ofMinutes(5));
    assertThat(dispatchMails(applicant.applicationId())).isEqualTo(2);
    assertThat(mailsTo(applicant.email())).extracting(AbstractIntegrationTest::subjectOf)
        .containsExactly(outbox.get(first).subject(), outbox.get(second).subject());
  }

  @Test
  void mailIsFailedAfterTheLastAttemptAndSentOnceAnOperatorRequeuesIt() {
    Applicant applicant = newApplicant();
    long id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    mailServer.stop();

    dispatchMails(applicant.applicationId());
    for (int attempt = 2; attempt <= properties.maxAttempts(); attempt++) {
      moveClockBy(Duration.ofHours(1)); // the longest back-off
      dispatchMails(applicant.applicationId());
    }

    OutboxMail failed = outbox.get(id);
    assertThat(failed.status()).isEqualTo(MailStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(properties.maxAttempts());
    assertThat(failed.lastError()).isNotBlank();
    moveClockBy(Duration.ofDays(1));
    dispatchMails(applicant.applicationId());
    assertThat(outbox.get(id).attempts()).as("a FAILED mail waits for an operator").isEqualTo(properties.maxAttempts());

    mailServer.start();
    Response requeued = api.post("/api/admin/mail-outbox/" + id + "/retry", "admin", null);

    assertThat(requeued.status()).as(requeued.toString()).isEqualTo(200);
    assertThat(requeued.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(dispatchMails(applicant.applicationId())).isEqualTo(1);
    assertThat(mailsTo(applicant.email())).hasSize(1);
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.SENT);
  }

  @Test
  void mailClaimedByANodeThatDiedIsSentByAnotherOnceTheLeaseRunsOut() {
    stopClock();
    Applicant applicant = newApplicant();
    long id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    Instant leaseEnd = ClockUtil.getCurrentTime().toInstant().plus(properties.lease());
    jdbc.sql("UPDATE mail_outbox SET claim_owner = 'node-b#dead', claimed_until = :until WHERE id = :id")
        .param("until", Timestamp.from(leaseEnd)).param("id", id).update();

    assertThat(mailDispatcher.dispatch(id)).as("claimed by node b").isFalse();
    assertThat(mailsTo(applicant.email())).isEmpty();

    moveClockBy(properties.lease().plusSeconds(1));
    assertThat(mailDispatcher.dispatch(id)).isTrue();
    assertThat(mailsTo(applicant.email())).hasSize(1);
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.SENT);
  }

  // --- withdrawn before it is sent --------------------------------------------------------------

  @Test
  void aWithdrawnMailIsNeverSentHoldsNoLaterMailUpAndCannotBeRequeued() {
    Applicant applicant = newApplicant();
    mailServer.stop();
    long first = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    dispatchMails(applicant.applicationId());
    transaction().executeWithoutResult(tx -> declines.decline(DeclineService.Decline.withdrawal(applicant.applicationId(),
        Stage.INTAKE, "补件已超期", CustomerReason.DOCUMENTS_NOT_SUPPLIED, null)));
    long second = queue(applicant, MailTemplate.APPLICATION_WITHDRAWN);
    assertThat(withdraw(applicant, MailTemplate.DOCUMENTS_MISSING, ClockUtil.getCurrentTime().toInstant().plusSeconds(1)))
        .as("queued before the given moment: not withdrawn").isEmpty();

    assertThat(withdraw(applicant, MailTemplate.DOCUMENTS_MISSING, Instant.EPOCH)).containsExactly(first);
    assertThat(withdraw(applicant, MailTemplate.DOCUMENTS_MISSING, Instant.EPOCH)).as("repeatable").isEmpty();

    OutboxMail withdrawn = outbox.get(first);
    assertThat(withdrawn.status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(withdrawn.withdrawnAt()).isNotNull();
    assertThat(withdrawn.withdrawalReason()).isEqualTo("资料已齐全, 补件通知不再发送");
    assertThat(outbox.sentOrBeingSent(MailCaseType.APPLICATION, applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING,
        Instant.EPOCH)).as("tried once and refused: never seen").isFalse();
    mailServer.start();
    moveClockBy(Duration.ofMinutes(5));
    assertThat(dispatchMails(applicant.applicationId())).as("the later mail is not held up").isEqualTo(1);
    assertThat(mailsTo(applicant.email())).extracting(AbstractIntegrationTest::subjectOf)
        .containsExactly(outbox.get(second).subject());
    assertThat(withdraw(applicant, MailTemplate.APPLICATION_WITHDRAWN, Instant.EPOCH)).as("a SENT mail stays sent").isEmpty();
    assertThat(outbox.get(second).status()).isEqualTo(MailStatus.SENT);

    Response refused = api.post("/api/admin/mail-outbox/" + first + "/retry", "admin", null);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).as("staff read the moment as a Chinese date; engineers, ISO")
        .startsWith("邮件 " + first + " 已于" + ChineseDates.minute(withdrawn.withdrawnAt()) + " 撤回, 不会发送, 也不能重新排队: 资料已齐全, 补件通知不再发送")
        .contains("(mail " + first + " was withdrawn at " + withdrawn.withdrawnAt() + " ");
    assertThat(outbox.get(first)).as("unchanged").isEqualTo(withdrawn);
  }

  @Test
  void aFailedMailThatWasNeverRenderedCanBeWithdrawn() {
    Applicant applicant = newApplicant();
    BrokenMailValues.breakApplicationMails(applicant.applicationId(), BrokenMailValues.Fault.THROWS);
    long id;
    try {
      id = queue(applicant, MailTemplate.DOCUMENTS_MISSING);
    } finally {
      BrokenMailValues.repairAll();
    }

    assertThat(withdraw(applicant, MailTemplate.DOCUMENTS_MISSING, Instant.EPOCH)).containsExactly(id);

    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox.get(id).renderFailed()).isTrue();
    assertThat(api.post("/api/admin/mail-outbox/" + id + "/retry", "admin", null).status()).isEqualTo(409);
    assertThat(dispatchMails(applicant.applicationId())).isZero();
  }

  /**
   * A node claimed the mail and is sending it when it is withdrawn: the node's outcome decides. The SMTP server took
   * it: SENT (it was sent). It refused: the mail stays WITHDRAWN, and no node tries it again.
   */
  @Test
  void aMailWithdrawnWhileANodeSendsItIsSentIfTheServerTookItAndElseNeverTriedAgain() {
    stopClock();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Applicant taken = newApplicant();
    Applicant refused = newApplicant();
    long sent = queue(taken, MailTemplate.DOCUMENTS_MISSING);
    long failed = queue(refused, MailTemplate.DOCUMENTS_MISSING);
    assertThat(transaction().<Boolean>execute(tx -> rows.claim(sent, "node-a#1", now, now.plus(properties.lease())))).isTrue();
    assertThat(transaction().<Boolean>execute(tx -> rows.claim(failed, "node-a#2", now, now.plus(properties.lease())))).isTrue();

    assertThat(withdraw(taken, MailTemplate.DOCUMENTS_MISSING, Instant.EPOCH)).containsExactly(sent);
    assertThat(withdraw(refused, MailTemplate.DOCUMENTS_MISSING, Instant.EPOCH)).containsExactly(failed);
    assertThat(outbox.sentOrBeingSent(MailCaseType.APPLICATION, taken.applicationId(), MailTemplate.DOCUMENTS_MISSING,
        Instant.EPOCH)).as("being sent: it may reach the applicant").isTrue();

    assertThat(transaction().<Boolean>execute(tx -> rows.markSent(sent, "node-a#1", now))).isTrue();
    assertThat(transaction().<Boolean>execute(tx -> rows.markAttemptFailed(failed, "node-a#2", MailStatus.PENDING, now,
        "MailSendException: Connection refused"))).isTrue();

    assertThat(outbox.get(sent).status()).isEqualTo(MailStatus.SENT);
    assertThat(outbox.get(sent).withdrawnAt()).isNull();
    assertThat(outbox.get(failed).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox.get(failed).attempts()).isEqualTo(1);
    assertThat(outbox.sentOrBeingSent(MailCaseType.APPLICATION, refused.applicationId(), MailTemplate.DOCUMENTS_MISSING,
        Instant.EPOCH)).as("refused: never seen").isFalse();
    moveClockBy(properties.lease().plusSeconds(1));
    assertThat(dispatchMails(refused.applicationId())).isZero();
    assertThat(mailsTo(refused.email())).isEmpty();
  }

  private List<Long> withdraw(Applicant applicant, MailTemplate template, Instant queuedSince) {
    return transaction().execute(tx -> outbox.withdraw(MailCaseType.APPLICATION, applicant.applicationId(), template,
        queuedSince, "资料已齐全, 补件通知不再发送"));
  }

  // --- MailDispatchRaceScenario ------------------------------------------------------------------

  @Override
  public Applicant newApplicant() {
    return Applicant.submittedWith(request -> submit(request).applicationId());
  }

  @Override
  public List<MimeMessage> mailsFor(String address) {
    return mailsTo(address);
  }

  @Override
  public BeanFactory beans() {
    return beans;
  }

  private long queue(Applicant applicant, MailTemplate template) {
    return transaction().execute(tx -> outbox.enqueue(applicant.applicationId(), template));
  }
}
