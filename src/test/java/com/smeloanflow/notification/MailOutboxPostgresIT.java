package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The mail outbox on PostgreSQL, the production database several nodes share (DESIGN.md §8):
 * claims race as they would between nodes, and a failed attempt is recorded with its back-off.
 */
class MailOutboxPostgresIT extends AbstractPostgresIntegrationTest implements MailDispatchRaceScenario {

  @Autowired BeanFactory beans;

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
