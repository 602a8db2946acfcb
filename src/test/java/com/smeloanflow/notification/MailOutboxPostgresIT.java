package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.BrokenMailValues;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The mail outbox on PostgreSQL, the production database several nodes share (DESIGN.md §8):
 * claims race as they would between nodes, a failed attempt is recorded with its back-off, and a mail whose values
 * cannot be read leaves the transaction that queues it usable (a savepoint).
 */
class MailOutboxPostgresIT extends AbstractPostgresIntegrationTest implements MailDispatchRaceScenario {

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;

  @Test
  void mailWaitsOutAnSmtpOutageAndIsSentWhenTheServerIsBack() {
    Applicant applicant = newApplicant();
    MailOutbox outbox = outbox();
    long id = transaction().execute(tx -> outbox.enqueue(applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING));
    mailServer.stop();

    dispatchMails(applicant.applicationId());

    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.PENDING);
    assertThat(outbox.get(id).attempts()).isEqualTo(1);
    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(dispatchMails(applicant.applicationId())).isEqualTo(1);
    assertThat(mailsTo(applicant.email())).hasSize(1);
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.SENT);
  }

  /**
   * A provider's read that PostgreSQL refuses aborts the transaction unless it is rolled back to a savepoint: the
   * reversal (a booking core banking reported) commits all the same, its notice FAILED and never rendered.
   */
  @Test
  void aReversalCommitsThoughItsNoticesValuesCouldNotBeRead() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    String transaction = "TX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Response repaid = api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"transactionId\": \"" + transaction + "\", \"amount\": 8530.99, \"valueDate\": \"" + clock.today() + "\"}");
    assertThat(repaid.status()).as(repaid.toString()).isEqualTo(201);
    BrokenMailValues.breakLoanMails(loan.loanId(), BrokenMailValues.Fault.SQL_ERROR);
    Response reversal;
    try {
      reversal = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", "core-banking",
          "{\"reason\": \"退票: 付款账户余额不足\"}");
    } finally {
      BrokenMailValues.repairAll();
    }

    assertThat(reversal.status()).as(reversal.toString()).isEqualTo(200);
    assertThat(loans.ledger(loan.loanId()).get(0).status()).as("owed again").isEqualTo(InstalmentStatus.DUE);
    assertThat(outbox().mailsOf(MailCaseType.LOAN, loan.loanId())).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.REPAYMENT_REVERSED);
      assertThat(mail.status()).isEqualTo(MailStatus.FAILED);
      assertThat(mail.renderFailed()).isTrue();
      assertThat(mail.lastError()).contains("REPAYMENT_REVERSED", loan.loanId(), "no_such_column");
    });

    Response requeued = api.post("/api/admin/mail-outbox/" + outbox().mailsOf(MailCaseType.LOAN, loan.loanId()).get(0).id()
        + "/retry", "admin", null);
    assertThat(requeued.status()).as(requeued.toString()).isEqualTo(200);
    assertThat(requeued.json().path("subject").asText()).contains("还款已冲正", loan.loanId());
  }

  /**
   * A cure withdraws mails two nodes are sending at that moment. The withdrawal's UPDATE holds each row until the cure's
   * transaction commits, so the nodes record their outcome after it, on the row as it then is: the mail the SMTP server
   * took is SENT (it was sent), the one it refused stays WITHDRAWN (never tried again).
   */
  @Test
  void nodesSendingMailsACureWithdrawsRecordTheirOutcomeOnceTheCureCommits() throws Exception {
    Applicant taken = newApplicant();
    Applicant refused = newApplicant();
    MailOutbox outbox = outbox();
    MailOutboxRepository rows = beans.getBean(MailOutboxRepository.class);
    long sent = transaction().execute(tx -> outbox.enqueue(taken.applicationId(), MailTemplate.DOCUMENTS_MISSING));
    long failed = transaction().execute(tx -> outbox.enqueue(refused.applicationId(), MailTemplate.DOCUMENTS_MISSING));
    Instant now = clock.now();
    assertThat(transaction().<Boolean>execute(tx -> rows.claim(sent, "node-a#1", now, now.plusSeconds(300)))).isTrue();
    assertThat(transaction().<Boolean>execute(tx -> rows.claim(failed, "node-b#1", now, now.plusSeconds(300)))).isTrue();
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> outcomes = transaction().execute(tx -> {
        for (Applicant applicant : List.of(taken, refused)) {
          assertThat(outbox.withdraw(MailCaseType.APPLICATION, applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING,
              Instant.EPOCH, "test: the cure")).hasSize(1);
        }
        List<Future<Boolean>> recording = List.of(
            nodes.submit(() -> transaction().execute(t -> rows.markSent(sent, "node-a#1", now))),
            nodes.submit(() -> transaction().execute(t -> rows.markAttemptFailed(failed, "node-b#1", MailStatus.PENDING,
                now, "MailSendException: Connection refused"))));
        for (Future<Boolean> outcome : recording) {
          assertThatThrownBy(() -> outcome.get(500, TimeUnit.MILLISECONDS)).as("waits for the cure's transaction")
              .isInstanceOf(TimeoutException.class);
        }
        return recording;
      });
      for (Future<Boolean> outcome : outcomes) {
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      nodes.shutdownNow();
    }

    assertThat(outbox.get(sent).status()).isEqualTo(MailStatus.SENT);
    assertThat(outbox.get(sent).withdrawnAt()).isNull();
    assertThat(outbox.get(failed).status()).isEqualTo(MailStatus.WITHDRAWN);
    assertThat(outbox.get(failed).withdrawalReason()).isEqualTo("test: the cure");
    moveClockBy(Duration.ofMinutes(6));
    assertThat(dispatchMails(refused.applicationId())).isZero();
  }

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
}
