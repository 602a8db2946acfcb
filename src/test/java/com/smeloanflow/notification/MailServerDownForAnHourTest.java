package com.smeloanflow.notification;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.END_LOAN_DISBURSED;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.WAIT_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SMTP server is down for an hour of engine time (issue 12, faults): applications go on as
 * before, the node stays ready for the load balancer, the applicants' mails wait in the outbox
 * (PENDING, never FAILED), and once the server is back each goes out once, in the order queued, at
 * its next attempt: the outbox retries after 1, 5 and 15 minutes and then hourly, so within an hour
 * of the server's return.
 */
class MailServerDownForAnHourTest extends AbstractIntegrationTest {

  /** How often the outbox poller of a node looks for due mails (smeloan.mail.outbox.poll-interval is 10 s; a minute is enough here). */
  private static final Duration POLL = Duration.ofMinutes(1);

  @Autowired BeanFactory beans;
  @Autowired MailOutbox outbox;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void applicationsGoOnDuringAnHourWithoutMailServerAndTheirMailsGoOutOnceWithinAnHourOfItsReturn() {
    stopClock();
    mailServer.stop();
    TestApplications.Builder first = flow.strongOnlineCreditQuick("100000.00");
    String signedDuringOutage = flow.submitOverApi(first);
    ProcessInstance signedInstance = flow.instance(signedDuringOutage);
    String submittedDuringOutage = null;
    TestApplications.Builder second = flow.strongOnlineCreditQuick("120000.00");

    for (int minute = 1; minute <= 60; minute++) {
      moveClockBy(POLL);
      if (minute == 20) {
        submittedDuringOutage = flow.submitOverApi(second);
      }
      if (minute == 30) {
        flow.signContract(signedDuringOutage);
      }
      pollOutbox(signedDuringOutage, submittedDuringOutage);
      assertThat(readiness()).as("readiness at minute %d of the outage", minute).isEqualTo("UP");
    }

    assertThat(signedInstance).isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(statusOf(signedDuringOutage)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(flow.instance(submittedDuringOutage)).isWaitingAt(WAIT_SIGNATURE);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(signedInstance.getId()).count()).isZero();
    List<OutboxMail> waiting = mailsOf(signedDuringOutage, submittedDuringOutage);
    // Attempts at 0, 1, 6 and 21 minutes after queueing (the next after 81); the disbursement mail waits behind the
    // contract mail of the same application, which is still pending.
    assertThat(waiting).extracting(OutboxMail::template, OutboxMail::status, OutboxMail::attempts).containsExactly(
        tuple(MailTemplate.CONTRACT_READY, MailStatus.PENDING, 4),
        tuple(MailTemplate.LOAN_DISBURSED, MailStatus.PENDING, 0),
        tuple(MailTemplate.CONTRACT_READY, MailStatus.PENDING, 4));
    assertThat(mailServer.getReceivedMessages()).isEmpty();

    mailServer.start();
    for (int minute = 1; minute <= 60; minute++) {
      moveClockBy(POLL);
      pollOutbox(signedDuringOutage, submittedDuringOutage);
    }

    assertThat(mailsOf(signedDuringOutage, submittedDuringOutage)).extracting(OutboxMail::status).containsOnly(MailStatus.SENT);
    assertThat(mailsTo(first.email())).extracting(AbstractIntegrationTest::subjectOf).satisfiesExactly(
        subject -> assertThat(subject).contains("签署借款合同"),
        subject -> assertThat(subject).contains("已发放"));
    assertThat(mailsTo(second.email())).extracting(AbstractIntegrationTest::subjectOf)
        .singleElement().satisfies(subject -> assertThat(subject).contains("签署借款合同"));
  }

  /** What the outbox poller of a node does once a minute, for the mails of these applications. */
  private void pollOutbox(String... applicationIds) {
    for (String applicationId : applicationIds) {
      if (applicationId != null) {
        dispatchMails(applicationId);
      }
    }
  }

  private List<OutboxMail> mailsOf(String... applicationIds) {
    return java.util.Arrays.stream(applicationIds).flatMap(id -> outbox.mailsOf(id).stream()).toList();
  }

  private String readiness() {
    return api.send("GET", "/actuator/health/readiness", null, null, null).json().path("status").asText();
  }
}
