package com.smeloanflow.verification;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.process.LoanOriginationProcess.Flows;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * loan-origination's remote verification and field investigation (DESIGN.md §3.1 step 4; issue 3),
 * with the real listeners, decision tables, timer and mail. The application of every test is a
 * strong online CREDIT_QUICK application of 500,000 CNY: above the AUTO limit, so it is routed to a
 * single approver and the remote banking centre verifies it first.
 */
@ExtendWith(OutputCaptureExtension.class)
class RemoteVerificationProcessTest extends AbstractIntegrationTest {

  private static final String FLOW_CONFIRMED = Flows.VERIFICATION_CONFIRMED;
  private static final String FLOW_UNREACHABLE = Flows.VERIFICATION_UNREACHABLE;
  private static final String FLOW_FAILED = Flows.VERIFICATION_FAILED;
  private static final String FLOW_CONTACT_AGAIN = Flows.CONTACT_ATTEMPTS_LEFT_YES;
  private static final String FLOW_NO_CONTACT_ATTEMPTS_LEFT = Flows.CONTACT_ATTEMPTS_LEFT_NO;
  private static final String FLOW_INVESTIGATION_CONFIRMED = Flows.INVESTIGATION_CONFIRMED;
  private static final String FLOW_INVESTIGATION_FAILED = Flows.INVESTIGATION_FAILED;
  private static final String FLOW_ROUTE_SINGLE = Flows.APPROVAL_ROUTE_SINGLE;

  private static final String REMOTE_VERIFIER = "remote-verifier";
  private static final String ZY001_CUSTOMER_MANAGER = "zy001-cm";

  private static final Duration CONTACT_INTERVAL = Duration.ofHours(4);

  @Test
  void confirmedVerificationSendsTheApplicationToItsApprovalRoute() {
    Submitted application = submitApplicationToVerify();
    ProcessInstance instance = application.processInstance();
    Task verification = task(instance);
    assertThat(verification).hasName("远程核实申请人").hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_VERIFICATION);

    completeAs(REMOTE_VERIFIER, verification.getId(), confirmed("法定代表人本人接听, 经营场所与主营业务一致"));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(TASK_VERIFY_REMOTELY, GATEWAY_APPROVAL_ROUTE).hasNotPassed(TASK_INVESTIGATE_ON_SITE)
        .isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_CONFIRMED, FLOW_ROUTE_SINGLE)
        .doesNotContain(FLOW_UNREACHABLE, FLOW_FAILED);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    assertThat(checksOf(application.applicationId())).containsExactly("REMOTE_VERIFICATION 1 CONFIRMED " + REMOTE_VERIFIER);
    assertThat(runtimeService.getVariables(instance.getId()))
        .as("the form's input stays in the business tables, not in process variables")
        .doesNotContainKeys("identityConfirmed", "businessOperating", "purposeConfirmed", "consentRecorded", "verificationNotes");

    List<JsonNode> history = history(application.applicationId());
    assertThat(history).anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(REMOTE_VERIFIER);
      assertThat(entry.path("what").asText()).isEqualTo("REMOTE_VERIFICATION_CONFIRMED");
      assertThat(entry.path("detail").asText()).contains("第 1 次").contains("身份核实一致✓");
    });
  }

  @Test
  void verificationFormShowsTheScoreItsReasonsTheRouteAndTheExternalData() {
    Submitted application = submitApplicationToVerify();

    Map<String, Object> shown = taskService.getVariablesLocal(task(application.processInstance()).getId());

    assertThat(shown.get("totalScore")).isInstanceOf(Integer.class);
    assertThat(shown.get("grade")).isEqualTo("A");
    assertThat((String) shown.get("reasonsText")).contains("(TAX_RATING_A)").contains("(UTILITY_NO_LATE_24M)")
        .contains("[行为 +60]").contains("所属行业 C34 通用设备制造业 景气度");
    assertThat(shown).containsEntry("redFlagsText", "无");
    assertThat((String) shown.get("externalDataText")).contains("纳税信用 A").contains("失信被执行人 否")
        .contains("行业 C34 通用设备制造业");
    assertThat(shown).containsEntry("industryText", "C34 通用设备制造业");
    assertThat((String) shown.get("approvalRouteName")).contains("审批人审批");
    assertThat((String) shown.get("pricingText")).contains("年利率 3.8%")
        .as("the LPR's date as every staff text writes it").containsPattern("\\(\\d{4}年\\d{1,2}月\\d{1,2}日起\\)")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    assertThat((String) shown.get("verificationAttemptsText")).startsWith("0 次");
  }

  @Test
  void confirmingWithoutEveryCheckTickedIsRefusedWithAClearMessage(CapturedOutput log) {
    Submitted application = submitApplicationToVerify();
    Task verification = task(application.processInstance());
    Map<String, Object> withoutConsent = confirmed(null);
    withoutConsent.put("consentRecorded", false);

    assertThatThrownBy(() -> completeAs(REMOTE_VERIFIER, verification.getId(), withoutConsent))
        .hasMessageContaining("核实通过前须确认: 已取得授权并录音").hasMessageContaining("consentRecorded must be checked");

    // Tasklist completes through the engine REST API: the verifier gets the same message there.
    Response answer = api.post("/engine-rest/task/" + verification.getId() + "/complete", REMOTE_VERIFIER,
        """
        {"variables": {
          "identityConfirmed": {"value": true, "type": "Boolean"},
          "businessOperating": {"value": true, "type": "Boolean"},
          "purposeConfirmed": {"value": false, "type": "Boolean"},
          "consentRecorded": {"value": true, "type": "Boolean"},
          "verificationOutcome": {"value": "CONFIRMED", "type": "String"}}}
        """);
    assertThat(answer.status()).as(answer.toString()).isBetween(400, 599);
    assertThat(answer.json().path("message").asText()).contains("核实通过前须确认: 贷款用途属实");

    assertThat(application.processInstance()).isWaitingAt(TASK_VERIFY_REMOTELY);
    assertThat(taskService.createTaskQuery().taskId(verification.getId()).count()).as("task still open").isOne();
    assertThat(checksOf(application.applicationId())).isEmpty();
    assertThat(log.getAll()).as("bad input in a task form is the verifier's to mend, not an engine failure")
        .doesNotContain("ENGINE-16004", "ENGINE-03051");
  }

  @Test
  void unreachableApplicantIsCalledAgainAfterFourHoursAndAfterThreeAttemptsInvestigatedOnSite() {
    Submitted application = submitApplicationToVerify();
    ProcessInstance instance = application.processInstance();
    stopClock();

    for (int attempt = 1; attempt <= 3; attempt++) {
      Task verification = task(instance);
      assertThat(verification.getTaskDefinitionKey()).isEqualTo(TASK_VERIFY_REMOTELY);
      assertThat((String) taskService.getVariableLocal(verification.getId(), "verificationAttemptsText"))
          .startsWith((attempt - 1) + " 次");
      completeAs(REMOTE_VERIFIER, verification.getId(), unreachable("第" + attempt + "次致电无人接听"));
      executeDueJobs(instance.getId());
      if (attempt < 3) {
        assertThat(instance).isWaitingAt(TIMER_NEXT_CONTACT_ATTEMPT);
        Job timer = onlyJob(instance.getId());
        assertThat(timer.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime()).isEqualTo(CONTACT_INTERVAL.toMillis());
        moveClockBy(CONTACT_INTERVAL.minusMinutes(1));
        executeDueJobs(instance.getId());
        assertThat(instance).as("not called again before four hours").isWaitingAt(TIMER_NEXT_CONTACT_ATTEMPT);
        moveClockBy(Duration.ofMinutes(2));
        executeDueJobs(instance.getId());
        assertThat(instance).isWaitingAt(TASK_VERIFY_REMOTELY);
      }
    }

    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_ON_SITE);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .containsSubsequence(FLOW_UNREACHABLE, FLOW_CONTACT_AGAIN, FLOW_UNREACHABLE, FLOW_CONTACT_AGAIN, FLOW_UNREACHABLE,
            FLOW_NO_CONTACT_ATTEMPTS_LEFT);
    assertThat(TakenSequenceFlows.of(instance.getId()).stream().filter(FLOW_CONTACT_AGAIN::equals)).hasSize(2);
    Task investigation = task(instance);
    assertThat(investigation).hasName("实地调查申请人").hasCandidateGroup(Groups.customerManagers("ZY001"));
    assertThat(taskService.getIdentityLinksForTask(investigation.getId())).extracting(link -> link.getGroupId())
        .containsExactly("ZY001-customer-managers");
    assertThat((String) taskService.getVariableLocal(investigation.getId(), "verificationHistoryText"))
        .contains("第1次: 无法联系", "第2次: 无法联系", "第3次: 无法联系").contains(REMOTE_VERIFIER);
    assertThat(checksOf(application.applicationId())).containsExactly(
        "REMOTE_VERIFICATION 1 UNREACHABLE " + REMOTE_VERIFIER,
        "REMOTE_VERIFICATION 2 UNREACHABLE " + REMOTE_VERIFIER,
        "REMOTE_VERIFICATION 3 UNREACHABLE " + REMOTE_VERIFIER);

    completeAs(ZY001_CUSTOMER_MANAGER, investigation.getId(), Map.of("investigationOutcome", "CONFIRMED",
        "investigationFindings", "实地走访: 厂房在产, 设备运转正常, 法定代表人在场确认借款用途"));
    executeDueJobs(instance.getId());

    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_INVESTIGATION_CONFIRMED, FLOW_ROUTE_SINGLE);
    assertThat(instance).hasPassed(TASK_INVESTIGATE_ON_SITE, GATEWAY_APPROVAL_ROUTE).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    assertThat(checksOf(application.applicationId()))
        .endsWith("FIELD_INVESTIGATION 1 CONFIRMED " + ZY001_CUSTOMER_MANAGER);
    assertThat(history(application.applicationId())).anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(ZY001_CUSTOMER_MANAGER);
      assertThat(entry.path("what").asText()).isEqualTo("FIELD_INVESTIGATION_CONFIRMED");
    });
  }

  @Test
  void failedVerificationIsInvestigatedOnSiteAndAFailedInvestigationRejectsTheApplication() {
    TestApplications.Builder request = applicationToVerify();
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();

    completeAs(REMOTE_VERIFIER, task(instance).getId(), Map.of("verificationOutcome", "FAILED",
        "verificationNotes", "接听人自称法定代表人, 但无法说出企业主营业务"));
    executeDueJobs(instance.getId());

    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_FAILED).doesNotContain(FLOW_UNREACHABLE);
    assertThat(instance).isWaitingAt(TASK_INVESTIGATE_ON_SITE);
    assertThat(task(instance)).hasCandidateGroup(Groups.customerManagers("ZY001"));

    String findings = "注册地址为空置厂房, 周边商户称企业已停业半年";
    completeAs(ZY001_CUSTOMER_MANAGER, task(instance).getId(), Map.of("investigationOutcome", "FAILED",
        "investigationFindings", findings));
    executeDueJobs(instance.getId());

    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_INVESTIGATION_FAILED);
    assertThat(instance).hasPassed(END_INVESTIGATION_DECLINED, BOUNDARY_VERIFICATION_DECLINED, TASK_NOTIFY_REJECTION)
        .hasNotPassed(GATEWAY_APPROVAL_ROUTE).isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(checksOf(application.applicationId())).containsExactly(
        "REMOTE_VERIFICATION 1 FAILED " + REMOTE_VERIFIER,
        "FIELD_INVESTIGATION 1 FAILED " + ZY001_CUSTOMER_MANAGER);
    JsonNode outcome = view(application.applicationId()).path("outcome");
    assertThat(outcome.path("reasonCode").asText()).isEqualTo(CustomerReason.INFORMATION_NOT_VERIFIED.name());
    assertThat(outcome.toString()).doesNotContain(findings);
    List<MimeMessage> mails = mailsTo(request.email());
    assertThat(mails).hasSize(1);
    assertThat(subjectOf(mails.get(0))).contains("未获批准");
    assertThat(bodyOf(mails.get(0))).as("the investigator's findings stay inside the bank")
        .contains(CustomerReason.INFORMATION_NOT_VERIFIED.text()).doesNotContain(findings).doesNotContain("停业");
    assertThat(historyAs(CHANNEL, application.applicationId()).toString()).as("nor do they reach the channel's history")
        .contains(CustomerReason.INFORMATION_NOT_VERIFIED.text())
        .doesNotContain(findings, "停业", REMOTE_VERIFIER, ZY001_CUSTOMER_MANAGER, "FIELD_INVESTIGATION");
    assertThat(history(application.applicationId())).as("staff read them").anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(ZY001_CUSTOMER_MANAGER);
      assertThat(entry.path("detail").asText()).contains(findings);
    });
  }

  @Test
  void unreachableOrFailedNeedsTheVerifiersNotes() {
    Submitted application = submitApplicationToVerify();
    Task verification = task(application.processInstance());

    assertThatThrownBy(() -> completeAs(REMOTE_VERIFIER, verification.getId(),
        Map.of("verificationOutcome", "UNREACHABLE")))
        .hasMessageContaining("请填写核实情况说明").hasMessageContaining("verificationNotes");
    assertThat(application.processInstance()).isWaitingAt(TASK_VERIFY_REMOTELY);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private TestApplications.Builder applicationToVerify() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());
    return TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("500000.00");
  }

  private Submitted submitApplicationToVerify() {
    Submitted application = submit(applicationToVerify());
    assertThat(application.processInstance()).isWaitingAt(TASK_VERIFY_REMOTELY);
    return application;
  }

  /** The verification form with every check ticked and outcome CONFIRMED. */
  private static Map<String, Object> confirmed(String notes) {
    Map<String, Object> form = new HashMap<>(Map.of("identityConfirmed", true, "businessOperating", true,
        "purposeConfirmed", true, "consentRecorded", true, "verificationOutcome", "CONFIRMED"));
    if (notes != null) {
      form.put("verificationNotes", notes);
    }
    return form;
  }

  private static Map<String, Object> unreachable(String notes) {
    return Map.of("verificationOutcome", "UNREACHABLE", "verificationNotes", notes);
  }

  private JsonNode view(String applicationId) {
    Response answer = api.get("/api/applications/" + applicationId, CHANNEL);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** The application's history as staff read it. */
  private List<JsonNode> history(String applicationId) {
    return historyAs("centre-processor", applicationId);
  }

  /** Remote verifications and field investigations of the application: "type attempt outcome performer". */
  private List<String> checksOf(String applicationId) {
    return jdbc.sql("""
        SELECT check_type, attempt, outcome, performed_by FROM application_check
        WHERE application_id = :a AND check_type IN (:types) ORDER BY id
        """)
        .param("a", applicationId)
        .param("types", List.of("REMOTE_VERIFICATION", "FIELD_INVESTIGATION"))
        .query((rs, row) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4))
        .list();
  }
}
