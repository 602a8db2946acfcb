package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.UUID;
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
