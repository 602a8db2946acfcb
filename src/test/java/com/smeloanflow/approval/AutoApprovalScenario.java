package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The model approves (DESIGN.md §3.1 steps 5-7, route AUTO): an online CREDIT_QUICK application of
 * a strong enterprise goes from the channel's POST to an opened loan account without any member of
 * staff. Nothing here waits on time: every step is a job the test runs or a call it makes.
 *
 * <p>One scenario, run on H2 ({@link AutoApprovalEndToEndTest}) and on PostgreSQL
 * ({@link AutoApprovalEndToEndPostgresIT}): a test class implements the two accessors.
 */
interface AutoApprovalScenario {

  String FLOW_APPROVAL_ROUTE_AUTO = "SequenceFlow_ApprovalRouteAuto";
  String FLOW_NO_MORTGAGE_REGISTRATION = "SequenceFlow_MortgageRegistrationRequiredNo";
  String FLOW_NO_DISBURSEMENT_CHECK = "SequenceFlow_DisbursementCheckRequiredNo";

  /** The driver, with the test's HTTP client, jobs and beans. */
  LoanFlow flow();

  /** Mails the test's SMTP server received for the address. */
  List<MimeMessage> mailsFor(String address);

  @Test
  default void strongOnlineCreditQuickApplicationIsApprovedByTheModelAndDisbursedWithoutAnyStaffTask() {
    LoanFlow flow = flow();
    ApiClient api = flow.api();
    TestApplications.Builder request = flow.strongOnlineCreditQuick("100000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);

    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    assertThat(flow.bean(com.smeloanflow.casefile.CaseFiles.class).status(applicationId).orElseThrow())
        .isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    assertThat(mailsFor(request.email())).extracting(AutoApprovalScenario::subject).singleElement().asString()
        .contains("签署借款合同");

    flow.signContract(applicationId);

    assertThat(instance).hasPassed(TASK_APPROVE_AUTOMATICALLY, TASK_RECORD_APPROVAL, TASK_GENERATE_CONTRACT,
            TASK_NOTIFY_CONTRACT_READY, WAIT_SIGNATURE, TASK_DISBURSE_LOAN, TASK_NOTIFY_DISBURSEMENT,
            EVENT_START_POST_LOAN_MONITORING)
        .hasNotPassed(TASK_APPROVE_LOAN, TASK_COMMITTEE_VOTE, TASK_VERIFY_REMOTELY, TASK_CHECK_DISBURSEMENT_CONDITIONS)
        .isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .contains(FLOW_APPROVAL_ROUTE_AUTO, FLOW_NO_MORTGAGE_REGISTRATION, FLOW_NO_DISBURSEMENT_CHECK);
    assertThat(flow.bean(HistoryService.class).createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count())
        .as("tasks ever created for the application's instance").isZero();

    Response application = api.get("/api/applications/" + applicationId, LoanFlow.CHANNEL);
    assertThat(application.status()).isEqualTo(200);
    assertThat(application.json().path("status").asText()).isEqualTo(ApplicationStatus.DISBURSED.name());
    String loanId = application.json().path("loanId").asText();
    assertThat(loanId).isNotBlank();

    Response loan = api.get("/api/loans/" + loanId, LoanFlow.CHANNEL);
    assertThat(loan.status()).isEqualTo(200);
    JsonNode account = loan.json();
    assertThat(account.path("applicationId").asText()).isEqualTo(applicationId);
    assertThat(account.path("principal").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(account.path("termMonths").asInt()).isEqualTo(12);
    assertThat(account.path("schedule")).hasSize(12);
    assertThat(account.path("schedule").get(11).path("remainingPrincipal").decimalValue()).isEqualByComparingTo("0");
    assertThat(flow.bean(SandboxCoreBanking.class).postingsOf(applicationId)).singleElement()
        .satisfies(posting -> assertThat(posting.postingReference()).isEqualTo(account.path("corePostingReference").asText()));

    assertThat(mailsFor(request.email())).filteredOn(mail -> subject(mail).contains("已发放")).singleElement()
        .satisfies(mail -> {
          assertThat(subject(mail)).contains(loanId);
          assertThat(body(mail)).contains("100000.00").contains(loanId);
        });

    ProcessInstance monitoring = flow.bean(RuntimeService.class).createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).singleResult();
    assertThat(monitoring).as("post-loan-monitoring of loan %s", loanId).isNotNull();
    assertThat(monitoring).isWaitingAt(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    TaskService taskService = flow.bean(TaskService.class);
    Task firstCheck = taskService.createTaskQuery().processInstanceId(monitoring.getId()).singleResult();
    assertThat(taskService.getIdentityLinksForTask(firstCheck.getId()))
        .extracting(link -> link.getGroupId()).contains(Groups.REMOTE_BANKING);
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String body(MimeMessage mail) {
    try {
      return mail.getContent().toString();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
