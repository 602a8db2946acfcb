package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several nodes run the outbox poller against one database (DESIGN.md §8). Two dispatchers racing
 * over the same due mails send each mail once: a mail is claimed by a conditional UPDATE, and only
 * the dispatcher whose UPDATE changed the row sends it. Two mails per applicant: the second waits
 * for the first, so the dispatchers race again and again over the same rows.
 *
 * <p>One scenario, run on H2 ({@link MailOutboxTest}) and on PostgreSQL ({@link MailOutboxPostgresIT}).
 */
interface MailDispatchRaceScenario {

  int APPLICANTS = 6;
  int MAILS_EACH = 3;

  /** An application of this test, waiting at branch acceptance (it has no mail of its own). */
  record Applicant(String applicationId, String email) {

    /**
     * Submits a mortgage application of a fresh enterprise at the ZY001 counter (its own credit
     * code: the duplicate check links it to no other test's application).
     */
    static Applicant submittedWith(Function<TestApplications.Builder, String> submit) {
      TestApplications.Builder request = TestApplications.mortgageAtBranchCounter().creditCode(CreditCodes.fresh());
      return new Applicant(submit.apply(request), request.email());
    }
  }

  /** A new application of the test (AbstractIntegrationTest#submit through {@link Applicant#submittedWith}). */
  Applicant newApplicant();

  /** Mails the test's SMTP server received for the address (AbstractIntegrationTest#mailsTo). */
  List<MimeMessage> mailsFor(String address);

  /** The application's beans. */
  BeanFactory beans();

  default MailOutbox outbox() {
    return beans().getBean(MailOutbox.class);
  }

  default MailDispatcher dispatcher() {
    return beans().getBean(MailDispatcher.class);
  }

  /** A new transaction, as the process step that queues a mail has. */
  default TransactionTemplate transaction() {
    return new TransactionTemplate(beans().getBean(PlatformTransactionManager.class));
  }

  @Test
  default void twoDispatchersRacingOverTheSameMailsSendEachMailExactlyOnce() throws InterruptedException {
    List<Applicant> applicants = new ArrayList<>();
    for (int i = 0; i < APPLICANTS; i++) {
      applicants.add(newApplicant());
    }
    transaction().executeWithoutResult(tx -> applicants.forEach(applicant -> {
      for (int i = 0; i < MAILS_EACH; i++) {
        outbox().enqueue(applicant.applicationId(), MailTemplate.DOCUMENTS_MISSING);
      }
    }));

    // Each "node" polls, as its scheduler would, until every mail of the test is sent.
    List<Integer> sentPerDispatcher = Concurrently.run(2, () -> {
      int sent = 0;
      for (int poll = 0; poll < 100 && !allSent(applicants); poll++) {
        sent += dispatcher().dispatchDue();
      }
      return sent;
    });

    for (Applicant applicant : applicants) {
      assertThat(mailsFor(applicant.email())).as("mails received by %s; a double send shows more", applicant.applicationId())
          .hasSize(MAILS_EACH);
      assertThat(outbox().mailsOf(applicant.applicationId())).allSatisfy(mail -> {
        assertThat(mail.status()).isEqualTo(MailStatus.SENT);
        assertThat(mail.attempts()).as("attempts of mail %s", mail.id()).isEqualTo(1);
      });
    }
    assertThat(sentPerDispatcher.stream().mapToInt(Integer::intValue).sum())
        .as("mails sent by the two dispatchers (other tests' due mails may be among them)")
        .isGreaterThanOrEqualTo(APPLICANTS * MAILS_EACH);
  }

  private boolean allSent(List<Applicant> applicants) {
    return applicants.stream().flatMap(applicant -> outbox().mailsOf(applicant.applicationId()).stream())
        .allMatch(mail -> mail.status() == MailStatus.SENT);
  }
}
