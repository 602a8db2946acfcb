package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static com.smeloanflow.processing.ProcessingFixtures.failing;
import static com.smeloanflow.processing.ProcessingFixtures.strongProfile;
import static com.smeloanflow.processing.ProcessingFixtures.withSandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanOriginationProcess.Variables;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * loan-origination's centralised processing stage (DESIGN.md §3.1 step 3, §4, §5; issue 3): external
 * data, duplicate check, four-dimension score, product eligibility, approval route, the processing
 * centre's exception review, pricing, up to the approval route. Real delegates, listeners, decision
 * tables and mail; the outside sources are the sandbox, set up over its HTTP API. Each test has its
 * own enterprise (credit code), so the duplicate check sees only what the test submits.
 * Remote verification and field investigation: {@code RemoteVerificationProcessTest}.
 */
class CentralisedProcessingProcessTest extends AbstractIntegrationTest {

  // Decision keys and the rules these scenarios fire (bpmn/*.dmn).
  private static final String PRODUCT_ELIGIBILITY = "product-eligibility";
  private static final String APPROVAL_AUTHORITY = "approval-authority";
  private static final String LOAN_PRICING = "loan-pricing";
  private static final String REMOTE_VERIFICATION_REQUIRED = "remote-verification-required";

  private static final String CENTRE_PROCESSOR = "centre-processor";
  private static final String REMOTE_VERIFIER = "remote-verifier";
  private static final String ZY001_ACCEPTOR = "zy001-acceptor";

  // --- AUTO ------------------------------------------------------------------------------------

  @Test
  void strongOnlineCreditApplicationIsApprovedByTheModelWithoutAnyHumanTask() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, strongProfile());

    Submitted application = submit(onlineCredit(code, "100000.00"));
    ProcessInstance instance = application.processInstance();

    assertThat(instance).hasPassedInOrder(TASK_GATHER_EXTERNAL_DATA, TASK_CHECK_DUPLICATES, TASK_SCORE_APPLICATION,
            RULE_CHECK_PRODUCT_ELIGIBILITY, RULE_DECIDE_APPROVAL_ROUTE, RULE_PRICE_LOAN,
            RULE_CHECK_REMOTE_VERIFICATION, GATEWAY_APPROVAL_ROUTE, TASK_APPROVE_AUTOMATICALLY)
        .hasNotPassed(TASK_REVIEW_EXCEPTION, TASK_VERIFY_REMOTELY, TASK_APPROVE_LOAN, TASK_COMMITTEE_VOTE)
        .isWaitingAt(WAIT_SIGNATURE);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .contains(EXCEPTION_REVIEW_NEEDED_NO, ROUTE_REJECTED_NO, REMOTE_VERIFICATION_REQUIRED_NO, APPROVAL_ROUTE_AUTO)
        .doesNotContain(EXCEPTION_REVIEW_NEEDED_YES, ROUTE_REJECTED_YES, REMOTE_VERIFICATION_REQUIRED_YES);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count())
        .as("human tasks").isZero();

    JsonNode view = applicationView(application.applicationId());
    assertThat(view.path("status").asText()).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    JsonNode decision = view.path("decision");
    assertThat(decision.path("route").asText()).isEqualTo("AUTO");
    assertThat(decision.path("grade").asText()).isEqualTo("A");
    assertThat(decision.path("totalScore").asInt()).isGreaterThanOrEqualTo(800);
    // 1-year LPR in force on the day the data was gathered (3.00 since 2025-05-20) + grade A 0.30 + pure credit 0.50
    // + manufacturing (C34) 0.00
    assertThat(decision.path("lprTenor").asText()).isEqualTo("ONE_YEAR");
    assertThat(decision.path("annualRatePercent").decimalValue()).isEqualByComparingTo("3.80");
    assertThat(decision.path("reasons").findValuesAsText("code")).contains("TAX_RATING_A", "UTILITY_NO_LATE_24M");
    assertThat(decision.path("redFlags")).isEmpty();
    List<String> history = historyEvents(application.applicationId());
    assertThat(history.stream().filter(what -> what.startsWith("STATUS_"))).containsSubsequence(
        "STATUS_IN_PROCESSING", "STATUS_AWAITING_APPROVAL", "STATUS_APPROVED", "STATUS_AWAITING_SIGNATURE");
    assertThat(history).containsSubsequence("EXTERNAL_DATA_GATHERED", "SCORED", "DECISION", "PRICED", "DECISION");
    assertThat(history.stream().filter("SCORED"::equals)).as("scored once, history says so once").hasSize(1);
  }

  @Test
  void everyDecisionIsStoredWithTheApplicationWithTheRuleThatFired() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, strongProfile());

    Submitted application = submit(onlineCredit(code, "100000.00"));

    assertThat(storedDecisions(application.applicationId())).containsExactly(
        PRODUCT_ELIGIBILITY + " Rule_EligibleDefault",
        APPROVAL_AUTHORITY + " Rule_AutoSmallCreditGoodGrade",
        LOAN_PRICING + " Rule_GradeSpreadA,Rule_GuaranteeSpreadCredit,Rule_IndustrySpreadManufacturing",
        REMOTE_VERIFICATION_REQUIRED + " Rule_NoVerificationAutoFromVerifiedOnlineChannel");
    JsonNode tables = applicationView(application.applicationId()).path("decision").path("decisionTables");
    assertThat(tables.findValuesAsText("decisionKey"))
        .containsExactly(PRODUCT_ELIGIBILITY, APPROVAL_AUTHORITY, LOAN_PRICING, REMOTE_VERIFICATION_REQUIRED);
    assertThat(matchedRules(tables, APPROVAL_AUTHORITY)).containsExactly("Rule_AutoSmallCreditGoodGrade");
    assertThat(tables.get(1).path("outputs").asText()).contains("AUTO");
  }

  // --- REJECT ----------------------------------------------------------------------------------

  @Test
  void dishonestDebtorIsRejectedAndToldWhy() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.dishonestDebtor());
    TestApplications.Builder request = onlineCredit(code, "100000.00");

    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();

    assertThat(instance).hasPassed(RULE_DECIDE_APPROVAL_ROUTE, TASK_DECLINE_BY_MODEL, END_MODEL_DECLINED,
            BOUNDARY_PROCESSING_DECLINED, TASK_NOTIFY_REJECTION)
        .hasNotPassed(TASK_REVIEW_EXCEPTION, RULE_PRICE_LOAN, TASK_VERIFY_REMOTELY, GATEWAY_APPROVAL_ROUTE)
        .isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .contains(EXCEPTION_REVIEW_NEEDED_NO, ROUTE_REJECTED_YES).doesNotContain(EXCEPTION_REVIEW_NEEDED_YES);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.REJECTED);

    JsonNode decision = applicationView(application.applicationId()).path("decision");
    assertThat(decision.path("route").asText()).isEqualTo("REJECT");
    assertThat(decision.path("routeReason").asText()).contains("失信被执行人");
    assertThat(decision.path("grade").asText()).isEqualTo("E");
    assertThat(decision.path("redFlags")).anySatisfy(flag -> {
      assertThat(flag.path("code").asText()).isEqualTo("DISHONEST_DEBTOR");
      assertThat(flag.path("hard").asBoolean()).isTrue();
    });
    assertThat(matchedRules(decision.path("decisionTables"), APPROVAL_AUTHORITY)).containsExactly("Rule_RejectHardRedFlag");
    assertThat(decision.path("annualRatePercent").isMissingNode() || decision.path("annualRatePercent").isNull())
        .as("a rejected application is not priced").isTrue();

    JsonNode outcome = applicationView(application.applicationId()).path("outcome");
    assertThat(outcome.path("result").asText()).isEqualTo("REJECTED");
    assertThat(outcome.path("reasonCode").asText()).isEqualTo(CustomerReason.CREDIT_RECORD.name());

    List<MimeMessage> mails = mailsTo(request.email());
    assertThat(mails).hasSize(1);
    assertThat(subjectOf(mails.get(0))).contains(application.applicationId()).contains("未获批准");
    assertThat(bodyOf(mails.get(0))).as("the applicant reads the catalogue's words, not the bank's findings")
        .contains("原因：" + CustomerReason.CREDIT_RECORD.text()).doesNotContain("失信被执行人");

    List<JsonNode> told = historyAs(CHANNEL, application.applicationId());
    assertThat(told).as("the channel's history: what the applicant is shown").extracting(entry -> entry.path("label").asText())
        .containsExactly("申请已提交", "集中处理中", "已拒绝");
    assertThat(told.get(2).path("what").asText()).isEqualTo("STATUS_REJECTED");
    assertThat(told.get(2).path("detail").asText()).isEqualTo(CustomerReason.CREDIT_RECORD.text());
    assertThat(told.toString()).doesNotContain("失信被执行人", "集中作业", "DECISION", "SCORED", "actor");

    JsonNode shown = applicationViewAs(CHANNEL, application.applicationId()).path("decision");
    assertThat(shown.path("route").asText()).as("the channel's decision").isEqualTo("REJECT");
    assertThat(shown.path("grade").asText()).isEqualTo("E");
    assertThat(shown.path("reasons")).isNotEmpty();
    assertThat(shown.has("routeReason")).as("the route's internal reason is not shown to the applicant: " + shown).isFalse();
    assertThat(shown.has("redFlags")).as("nor the red flags").isFalse();
    assertThat(shown.has("decisionTables")).as("nor the decision tables' outputs (routeReason among them)").isFalse();
    assertThat(shown.toString()).doesNotContain(decision.path("routeReason").asText());
    assertThat(historyAs(CENTRE_PROCESSOR, application.applicationId())).as("staff keep the bank's findings")
        .anySatisfy(entry -> {
          assertThat(entry.path("what").asText()).isEqualTo("REJECTED");
          assertThat(entry.path("detail").asText()).contains("集中作业", "失信被执行人");
        });
  }

  @Test
  void enterpriseTradingLessThanTwoYearsIsNotEligibleForCreditQuickAndIsRejected() {
    String code = CreditCodes.fresh();
    LocalDate established = LocalDate.now(BusinessClock.BANK_ZONE).minusMonths(20);
    SandboxEnterprises.register(api, code, SandboxEnterprises.strongProfileEstablishedOn(established));
    TestApplications.Builder request = onlineCredit(code, "100000.00").establishedOn(established);

    Submitted application = submit(request);

    assertThat(application.processInstance()).hasPassed(TASK_DECLINE_BY_MODEL).hasNotPassed(TASK_REVIEW_EXCEPTION)
        .isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(storedDecisions(application.applicationId())).containsExactly(
        PRODUCT_ELIGIBILITY + " Rule_IneligibleCreditQuickUnderTwoYears",
        APPROVAL_AUTHORITY + " Rule_RejectNotEligible");
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(bodyOf(mailsTo(request.email()).get(0))).contains(CustomerReason.PRODUCT_CRITERIA_NOT_MET.text());
  }

  // --- SINGLE / COMMITTEE boundary -------------------------------------------------------------

  @Test
  void fiveMillionExactlyIsDecidedByASingleApprover() {
    ProcessInstance instance = verifiedMortgageApplication("5000000.00", "SINGLE", "Rule_SingleWithinUnitAuthority");

    assertThat(instance).isWaitingAt(TASK_APPROVE_LOAN).hasNotPassed(TASK_COMMITTEE_VOTE);
    assertThat(task(instance)).hasCandidateGroup(Groups.CREDIT_APPROVERS);
  }

  @Test
  void oneCentAboveFiveMillionGoesToTheCreditCommittee() {
    ProcessInstance instance = verifiedMortgageApplication("5000000.01", "COMMITTEE", "Rule_CommitteeAboveUnitAuthority");

    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(TASK_APPROVE_LOAN);
  }

  /**
   * A mortgage loan of {@code amount} for a strong enterprise whose sales (31,000,000) cover it:
   * accepted at ZY001, processed (asserting the stored route and the rule that chose it), verified
   * remotely, and left at its approval route.
   */
  private ProcessInstance verifiedMortgageApplication(String amount, String route, String rule) {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.strongProfileScaledBy(5));
    Submitted application = submit(TestApplications.forProduct("MORTGAGE_QUICK").creditCode(code)
        .requestedAmount(amount).annualRevenue("31000000.00").collateralAppraisedValue("9000000.00"));
    ProcessInstance instance = application.processInstance();
    completeAs(ZY001_ACCEPTOR, task(instance).getId(), checklistWithout(application.applicationId()));
    executeDueJobs(instance.getId());

    assertThat(instance).isWaitingAt(TASK_VERIFY_REMOTELY).hasNotPassed(TASK_REVIEW_EXCEPTION);
    JsonNode decision = applicationView(application.applicationId()).path("decision");
    assertThat(decision.path("route").asText()).isEqualTo(route);
    assertThat(decision.path("grade").asText()).isIn("A", "B");
    assertThat(matchedRules(decision.path("decisionTables"), APPROVAL_AUTHORITY)).containsExactly(rule);
    assertThat(runtimeService.getVariable(instance.getId(), Variables.APPROVAL_ROUTE.name())).isEqualTo(route);

    completeAs(REMOTE_VERIFIER, task(instance).getId(), com.smeloanflow.approval.TaskForms.remoteVerificationConfirmed());
    executeDueJobs(instance.getId());
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    return instance;
  }

  // --- external data: retries and incident -----------------------------------------------------

  @Test
  void externalSourceThatRecoversIsRetriedWithBackOffAndProcessingGoesOn() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, withSandbox(strongProfile(), failing(2, "BUREAU")));
    stopClock();
    ProcessInstance instance = submitWithoutRunningJobs(onlineCredit(code, "100000.00"));
    String applicationId = instance.getBusinessKey();

    assertThat(runGatheringExpectingFailure(instance)).contains("BUREAU").contains(code);
    assertThat(gatheringJob(instance).getRetries()).as("retries left").isEqualTo(3);
    assertThat(dueIn(gatheringJob(instance))).isEqualTo(Duration.ofSeconds(30));
    executeDueJobs(instance.getId());
    assertThat(instance).as("not retried before its due date").isWaitingAt(TASK_GATHER_EXTERNAL_DATA);

    moveClockBy(Duration.ofSeconds(30));
    assertThat(runGatheringExpectingFailure(instance)).contains("BUREAU");
    assertThat(gatheringJob(instance).getRetries()).as("retries left").isEqualTo(2);
    assertThat(dueIn(gatheringJob(instance))).isEqualTo(Duration.ofMinutes(2));

    moveClockBy(Duration.ofMinutes(2));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(TASK_GATHER_EXTERNAL_DATA, TASK_SCORE_APPLICATION, TASK_APPROVE_AUTOMATICALLY)
        .isWaitingAt(WAIT_SIGNATURE);
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(eventsOf(applicationId)).contains("EXTERNAL_DATA_GATHERED");
  }

  @Test
  void lastingSourceFailureBecomesAnIncidentThatAnOperatorRetriesAfterFixingTheSource() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, withSandbox(strongProfile(), failing(null, "COURT")));
    stopClock();
    ProcessInstance instance = submitWithoutRunningJobs(onlineCredit(code, "100000.00"));
    String applicationId = instance.getBusinessKey();

    List<Duration> backOff = new ArrayList<>();
    int attempts = 0;
    while (gatheringJob(instance).getRetries() > 0 && attempts < 10) {
      assertThat(runGatheringExpectingFailure(instance)).contains("COURT");
      attempts++;
      Job failed = gatheringJob(instance);
      if (failed.getRetries() > 0) {
        backOff.add(dueIn(failed));
        moveClockBy(dueIn(failed));
      }
    }

    assertThat(backOff).as("waits between attempts (retry cycle PT30S,PT2M,PT10M)")
        .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
    assertThat(attempts).isEqualTo(4);
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(TASK_GATHER_EXTERNAL_DATA);
    assertThat(incident.getIncidentMessage()).contains("COURT").contains(code);
    assertThat(instance).isWaitingAt(TASK_GATHER_EXTERNAL_DATA).hasNotPassed(TASK_SCORE_APPLICATION);

    // The court source answers again; the operator retries the job (Cockpit: "Retry").
    SandboxEnterprises.register(api, code, strongProfile());
    managementService.setJobRetries(gatheringJob(instance).getId(), 1);
    managementService.executeJob(gatheringJob(instance).getId());
    executeDueJobs(instance.getId());

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(instance).hasPassed(TASK_GATHER_EXTERNAL_DATA, TASK_SCORE_APPLICATION, TASK_APPROVE_AUTOMATICALLY)
        .isWaitingAt(WAIT_SIGNATURE);
    assertThat(applicationView(applicationId).path("decision").path("route").asText()).isEqualTo("AUTO");
  }

  // --- exception review by the processing centre -----------------------------------------------

  @Test
  void applicationTheProcessingCentreReviewedIsApprovedByAPersonNotTheModel() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, strongProfile());
    Submitted first = submit(onlineCredit(code, "100000.00"));
    assertThat(first.processInstance()).isWaitingAt(WAIT_SIGNATURE);

    Submitted second = submit(onlineCredit(code, "150000.00"));
    ProcessInstance instance = second.processInstance();

    assertThat(instance).isWaitingAt(TASK_REVIEW_EXCEPTION).hasNotPassed(RULE_PRICE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(EXCEPTION_REVIEW_NEEDED_YES);
    Task review = task(instance);
    assertThat(review).hasCandidateGroup(Groups.PROCESSING_CENTRE);
    Map<String, Object> shown = taskService.getVariablesLocal(review.getId());
    assertThat((String) shown.get("duplicatesText")).contains(first.applicationId());
    assertThat((String) shown.get("exceptionText")).contains("其他在途申请").contains(first.applicationId());
    assertThat(statusOf(second.applicationId())).isEqualTo(ApplicationStatus.IN_PROCESSING);
    assertThat(applicationView(second.applicationId()).path("openTasks").toString()).as("staff see the review")
        .contains("复核异常申请");
    JsonNode applicants = applicationViewAs(CHANNEL, second.applicationId());
    assertThat(applicants.path("openTasks").toString()).as("the applicant is not told of an exception review")
        .doesNotContain("复核异常申请").doesNotContain("异常");
    assertThat(texts(applicants.path("openTasks"))).containsExactly("银行审查中");
    assertThat(texts(applicants.path("currentStage"))).containsExactly("审查中");

    completeAs(CENTRE_PROCESSOR, review.getId(), Map.of("reviewDecision", "CONTINUE",
        "reviewNotes", "首笔申请为补充流动资金, 本笔为设备采购, 经核实非重复申请"));
    executeDueJobs(instance.getId());

    assertThat(TakenSequenceFlows.of(instance.getId())).contains(REVIEW_OUTCOME_CONTINUE).doesNotContain(REVIEW_OUTCOME_REJECT);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(RULE_DECIDE_APPROVAL_ROUTE).count()).as("route decided again after the review").isEqualTo(2);
    // Both applications together (250,000) are within the model's ceiling and the second is grade A, but a
    // person looked at it: a person approves it.
    JsonNode decision = applicationView(second.applicationId()).path("decision");
    assertThat(decision.path("route").asText()).isEqualTo("SINGLE");
    assertThat(decision.path("borrowerExposure").decimalValue()).isEqualByComparingTo("250000.00");
    assertThat(matchedRules(decision.path("decisionTables"), APPROVAL_AUTHORITY)).containsExactly("Rule_SingleWithinUnitAuthority");
    JsonNode toldDecision = applicationViewAs(CHANNEL, second.applicationId()).path("decision");
    assertThat(toldDecision.path("route").asText()).as("the channel's decision: " + toldDecision).isEqualTo("SINGLE");
    assertThat(toldDecision.path("grade").asText()).isEqualTo(decision.path("grade").asText());
    assertThat(toldDecision.path("annualRatePercent").decimalValue()).isEqualByComparingTo(decision.path("annualRatePercent").decimalValue());
    assertThat(toldDecision.has("borrowerExposure")).as("the borrower's exposure adds up other applications and enterprises: "
        + toldDecision).isFalse();
    assertThat(toldDecision.has("collateralCap")).as("nor the bank's own figures").isFalse();
    assertThat(toldDecision.has("suggestedLimit")).isFalse();
    assertThat(toldDecision.has("scoringModel")).isFalse();
    assertThat(instance).hasNotPassed(TASK_APPROVE_AUTOMATICALLY).isWaitingAt(TASK_VERIFY_REMOTELY);
    assertThat(checksOf(second.applicationId(), "CENTRE_REVIEW")).containsExactly("CENTRE_REVIEW 1 CONTINUE " + CENTRE_PROCESSOR);
    assertThat((String) taskService.getVariablesLocal(task(instance).getId()).get("verificationHistoryText"))
        .as("the review as the verifier reads it on the form")
        .contains("集中作业复核 第1次", "疑似重复申请 " + first.applicationId(), "复核前审批路径: 模型自动审批")
        .doesNotContain("duplicateOf", "route=", "null");
    assertThat(eventsOf(second.applicationId())).contains("DUPLICATE_FLAGGED", "FLAGS_OVERRIDDEN by " + CENTRE_PROCESSOR);
    assertThat(historyAs(CENTRE_PROCESSOR, second.applicationId())).as("staff read the review and who made it")
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(CENTRE_PROCESSOR);
          assertThat(entry.path("what").asText()).isEqualTo("FLAGS_OVERRIDDEN");
          assertThat(entry.path("detail").asText()).contains("经核实非重复申请");
        });
    List<JsonNode> told = historyAs(CHANNEL, second.applicationId());
    assertThat(told).extracting(entry -> entry.path("what").asText())
        .containsExactly("SUBMITTED", "STATUS_IN_PROCESSING", "STATUS_AWAITING_VERIFICATION");
    assertThat(told.toString()).as("the applicant is not shown the review, the flag or who worked the application")
        .doesNotContain("经核实非重复申请", "FLAGS_OVERRIDDEN", "DUPLICATE_FLAGGED", first.applicationId(), CENTRE_PROCESSOR,
            "actor", "TASK");
  }

  @Test
  void openEnforcementCaseIsReviewedAndRejectedAndTheApplicantReadsTheCatalogueReasonNotTheReviewersNotes() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.openEnforcementCase());
    TestApplications.Builder request = onlineCredit(code, "100000.00");
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();

    assertThat(instance).isWaitingAt(TASK_REVIEW_EXCEPTION);
    Task review = task(instance);
    assertThat(review).hasCandidateGroup(Groups.PROCESSING_CENTRE);
    String reason = "执行案件涉及主要结算账户, 经营风险不可控";
    Response withoutCustomerReason = api.post("/engine-rest/task/" + review.getId() + "/complete", CENTRE_PROCESSOR,
        "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"},\"reviewNotes\":{\"value\":\"" + reason + "\"}}}");
    assertThat(withoutCustomerReason.status()).as("rejecting needs the reason the applicant is told").isEqualTo(400);
    assertThat(withoutCustomerReason.body()).contains("告知客户的拒绝原因".substring(0, 4));
    Response withAReasonOnlyTheSystemGives = api.post("/engine-rest/task/" + review.getId() + "/complete", CENTRE_PROCESSOR,
        "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"},\"reviewNotes\":{\"value\":\"" + reason + "\"},"
            + "\"reviewCustomerReason\":{\"value\":\"" + CustomerReason.CONTRACT_NOT_SIGNED.name() + "\"}}}");
    assertThat(withAReasonOnlyTheSystemGives.status()).as("an applicant who never got a contract is not told it went unsigned: "
        + withAReasonOnlyTheSystemGives.body()).isEqualTo(400);
    assertThat(withAReasonOnlyTheSystemGives.body()).contains("告知客户", "reviewCustomerReason");
    assertThat(declines.find(application.applicationId())).isEmpty();
    completeAs(CENTRE_PROCESSOR, review.getId(), Map.of("reviewDecision", "REJECT", "reviewNotes", reason,
        "reviewCustomerReason", CustomerReason.OVERALL_ASSESSMENT.name()));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(END_REVIEW_DECLINED, BOUNDARY_PROCESSING_DECLINED, TASK_NOTIFY_REJECTION)
        .hasNotPassed(RULE_PRICE_LOAN).isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(EXCEPTION_REVIEW_NEEDED_YES, REVIEW_OUTCOME_REJECT);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.REJECTED);
    DeclineService.Record decline = declines.find(application.applicationId()).orElseThrow();
    assertThat(decline.stage()).isEqualTo(Stage.PROCESSING);
    assertThat(decline.decidedBy()).isEqualTo(CENTRE_PROCESSOR);
    assertThat(decline.internalReason()).as("staff keep the full record").contains(reason);
    assertThat(decline.customerReason()).isEqualTo(CustomerReason.OVERALL_ASSESSMENT);
    assertThat(checksOf(application.applicationId(), "CENTRE_REVIEW")).containsExactly("CENTRE_REVIEW 1 REJECT " + CENTRE_PROCESSOR);
    List<MimeMessage> mails = mailsTo(request.email());
    assertThat(mails).hasSize(1);
    assertThat(bodyOf(mails.get(0))).contains(CustomerReason.OVERALL_ASSESSMENT.text()).doesNotContain(reason);
    List<JsonNode> told = historyAs(CHANNEL, application.applicationId());
    assertThat(told.get(told.size() - 1).path("detail").asText()).as("the channel's history tells what the mail tells")
        .isEqualTo(CustomerReason.OVERALL_ASSESSMENT.text());
    assertThat(told.toString()).doesNotContain(reason, CENTRE_PROCESSOR);
  }

  @Test
  void reviewFormShowsTheScoreItsReasonsAndTheExternalData() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.openEnforcementCase());
    Submitted application = submit(onlineCredit(code, "100000.00"));

    Map<String, Object> shown = taskService.getVariablesLocal(task(application.processInstance()).getId());

    assertThat(shown.get("totalScore")).isInstanceOf(Integer.class);
    assertThat(shown.get("grade")).isIn("A", "B", "C");
    assertThat((String) shown.get("reasonsText")).contains("(COURT_ENFORCEMENT_OPEN)").contains("未结执行案件")
        .contains("(TAX_RATING_A)").contains("[信用 +80]");
    assertThat((String) shown.get("redFlagsText")).contains("【需复核】").contains("COURT_ENFORCEMENT_OPEN");
    assertThat((String) shown.get("exceptionText")).contains("风险信号");
    assertThat((String) shown.get("externalDataText")).contains("纳税信用 A").contains("未结执行案件 1 件")
        .contains("近24个月逾期 0 次").containsPattern("成立于\\d{4}年\\d{1,2}月\\d{1,2}日, 行业 ")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
    assertThat(shown).containsEntry("enterpriseName", applications.get(application.applicationId()).enterpriseName());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static TestApplications.Builder onlineCredit(String creditCode, String amount) {
    return TestApplications.onlineCreditQuick().creditCode(creditCode).requestedAmount(amount);
  }

  /** Submits as {@link #submit} does, but leaves the gathering job to the test. */
  private ProcessInstance submitWithoutRunningJobs(TestApplications.Builder request) {
    String applicationId = intakeService.submit(request.build(), CHANNEL, null).applicationId();
    ProcessInstance instance = processInstance(applicationId);
    // The start event continues asynchronously: run that job, which leaves the gathering job.
    managementService.executeJob(onlyJob(instance.getId()).getId());
    gatheringJob(instance);
    return instance;
  }

  private Job gatheringJobOrNull(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_GATHER_EXTERNAL_DATA)
        .singleResult();
  }

  private Job gatheringJob(ProcessInstance instance) {
    Job job = gatheringJobOrNull(instance);
    assertThat(job).as("job of %s", TASK_GATHER_EXTERNAL_DATA).isNotNull();
    return job;
  }

  /** Runs the gathering job as the job executor would; it must fail. Returns the failure's message. */
  private String runGatheringExpectingFailure(ProcessInstance instance) {
    try {
      managementService.executeJob(gatheringJob(instance).getId());
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("Gathering external data should have failed");
  }

  private static Duration dueIn(Job job) {
    return Duration.ofMillis(job.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime());
  }

  /** The application as staff read it (the channel's view of the decision leaves the bank's own findings out). */
  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private JsonNode applicationView(String applicationId) {
    return applicationViewAs(CENTRE_PROCESSOR, applicationId);
  }

  private JsonNode applicationViewAs(String user, String applicationId) {
    Response answer = api.get("/api/applications/" + applicationId, user);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** What happened to the application, as GET /api/applications/{id}/history lists it to staff. */
  private List<String> historyEvents(String applicationId) {
    return historyAs(CENTRE_PROCESSOR, applicationId).stream().map(entry -> entry.path("what").asText()).toList();
  }

  private static List<String> matchedRules(JsonNode decisionTables, String decisionKey) {
    return StreamSupport.stream(decisionTables.spliterator(), false)
        .filter(table -> decisionKey.equals(table.path("decisionKey").asText()))
        .reduce((earlier, later) -> later)
        .map(table -> StreamSupport.stream(table.path("matchedRules").spliterator(), false).map(JsonNode::asText).toList())
        .orElse(List.of());
  }

  /** Rows of application_decision: "decision-key rule,rule", in evaluation order. */
  private List<String> storedDecisions(String applicationId) {
    return jdbc.sql("SELECT decision_key, matched_rules FROM application_decision WHERE application_id = :a ORDER BY id")
        .param("a", applicationId)
        .query((rs, row) -> rs.getString("decision_key") + " " + rs.getString("matched_rules")).list();
  }

  /** Rows of application_check of one type: "type attempt outcome performer". */
  @Autowired DeclineService declines;

  private List<String> checksOf(String applicationId, String checkType) {
    return jdbc.sql("""
        SELECT check_type, attempt, outcome, performed_by FROM application_check
        WHERE application_id = :a AND check_type = :type ORDER BY id
        """)
        .param("a", applicationId).param("type", checkType)
        .query((rs, row) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4)).list();
  }

  /** Business events of the application: "EVENT" for the system, "EVENT by user" for people. */
  private List<String> eventsOf(String applicationId) {
    return jdbc.sql("SELECT actor, event_type FROM application_event WHERE application_id = :a ORDER BY id")
        .param("a", applicationId)
        .query((rs, row) -> "system".equals(rs.getString(1)) ? rs.getString(2) : rs.getString(2) + " by " + rs.getString(1))
        .list();
  }
}
