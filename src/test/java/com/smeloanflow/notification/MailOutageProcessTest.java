package com.smeloanflow.notification;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A mail outage never blocks credit (issue 8, item 10): with the SMTP server down, a model-approved
 * application is signed, disbursed and handed to post-loan monitoring; its mails wait in the outbox
 * and reach the applicant once the server is back.
 */
class MailOutageProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired MailOutbox outbox;
  @Autowired LoanAccountService loans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void autoApprovedLoanIsSignedDisbursedAndMonitoredWhileTheMailServerIsDownAndItsMailsFollowLater() {
    mailServer.stop();
    TestApplications.Builder request = flow.strongOnlineCreditQuick("100000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);

    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    assertThat(outbox.mailsOf(applicationId)).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.CONTRACT_READY);
      assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
      assertThat(mail.attempts()).as("one attempt failed").isEqualTo(1);
    });

    Response signature = flow.reportSignature(applicationId, flow.signInESignatureService(applicationId));
    assertThat(signature.status()).as("signature report while the contract mail is pending: %s", signature).isEqualTo(200);
    flow.executeDueJobs(applicationId);

    assertThat(instance).hasPassed(TASK_DISBURSE_LOAN, TASK_NOTIFY_DISBURSEMENT, EVENT_START_POST_LOAN_MONITORING)
        .isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    String loanId = loans.findByApplication(applicationId).orElseThrow().loanId();
    ProcessInstance monitoring = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).singleResult();
    assertThat(monitoring).as("post-loan monitoring of loan %s", loanId).isNotNull();
    assertThat(monitoring).isWaitingAt(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    assertThat(outbox.mailsOf(applicationId)).extracting(OutboxMail::template, OutboxMail::status).containsExactly(
        tuple(MailTemplate.CONTRACT_READY, MailStatus.PENDING),
        tuple(MailTemplate.LOAN_DISBURSED, MailStatus.PENDING));

    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1)); // the outbox's first back-off
    dispatchMails(applicationId);

    assertThat(mailsTo(request.email())).extracting(AbstractIntegrationTest::subjectOf).satisfiesExactly(
        subject -> assertThat(subject).contains("签署借款合同"),
        subject -> assertThat(subject).contains("已发放", loanId));
    assertThat(outbox.mailsOf(applicationId)).extracting(OutboxMail::status).containsOnly(MailStatus.SENT);
  }
}
