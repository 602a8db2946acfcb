package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidFieldsException;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * loan-origination from application received to acceptance (DESIGN.md §3.1 steps 1-2), with the
 * real listeners and delegates and a real SMTP server: every path of the intake part of the model.
 * The end event after acceptance is not asserted: the process continues there.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoanOriginationIntakeProcessTest extends AbstractIntegrationTest {

  @Autowired private AcceptanceService acceptance;
  @Autowired private PlatformTransactionManager transactionManager;

  // Sequence flows carry a gateway's answer; they are asserted with TakenSequenceFlows.
  private static final String FLOW_BRANCH_ACCEPTANCE_NOT_REQUIRED = "SequenceFlow_BranchAcceptanceRequiredNo";
  private static final String FLOW_BRANCH_ACCEPTANCE_REQUIRED = "SequenceFlow_BranchAcceptanceRequiredYes";
  private static final String FLOW_DOCUMENTS_COMPLETE = "SequenceFlow_DocumentsCompleteYes";
  private static final String FLOW_DOCUMENTS_INCOMPLETE = "SequenceFlow_DocumentsCompleteNo";
  private static final String FLOW_DOCUMENTS_BROUGHT_TO_BRANCH = "SequenceFlow_DocumentsBroughtToBranch";
  private static final String FLOW_DOCUMENTS_UPLOADED = "SequenceFlow_DocumentsUploaded";
  private static final String FLOW_DOCUMENTS_OVERDUE = "SequenceFlow_DocumentsOverdue";

  private static final String ZY001_ACCEPTOR = "zy001-acceptor";

  // --- branch acceptance or not ----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"MOBILE_APP", "MINI_PROGRAM"})
  void onlineCreditQuickApplicationSkipsBranchAcceptance(String onlineChannel) {
    Submitted application = submit(TestApplications.onlineCreditQuick().channel(onlineChannel));
    ProcessInstance instance = application.processInstance();

    assertThat(instance).hasPassed(START_APPLICATION_RECEIVED, GATEWAY_BRANCH_ACCEPTANCE_REQUIRED)
        .hasNotPassed(TASK_ACCEPT_APPLICATION);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .contains(FLOW_BRANCH_ACCEPTANCE_NOT_REQUIRED).doesNotContain(FLOW_BRANCH_ACCEPTANCE_REQUIRED);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.IN_PROCESSING);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "BRANCH_COUNTER,       CREDIT_QUICK",
      "CUSTOMER_MANAGER_PAD, CREDIT_QUICK",
      "WHITELIST,            CREDIT_QUICK",
      "MOBILE_APP,           MORTGAGE_QUICK",
      "MINI_PROGRAM,         GROWTH",
      "MOBILE_APP,           JOINT_GUARANTEE",
      "MINI_PROGRAM,         REVOLVING_LINE",
  })
  void everyOtherChannelOrProductIsAcceptedAtTheBranch(String channel, String product) {
    Submitted application = submit(TestApplications.forProduct(product).channel(channel));

    assertThat(application.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(TakenSequenceFlows.of(application.processInstance().getId())).contains(FLOW_BRANCH_ACCEPTANCE_REQUIRED);
    assertThat(task(application.processInstance())).hasCandidateGroup(Groups.acceptance("ZY001"));
  }

  @Test
  void branchApplicationIsOfferedToThatBranchsAcceptanceGroupOnly() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter().branchCode("ZY002"));
    ProcessInstance instance = application.processInstance();

    assertThat(instance).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(task(instance)).hasName("受理贷款申请").hasCandidateGroup("ZY002-acceptance");
    assertThat(taskService.getIdentityLinksForTask(task(instance).getId()))
        .extracting(link -> link.getGroupId())
        .containsExactly("ZY002-acceptance");
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void acceptanceTaskShowsTheApplicationAndItsDocumentChecklist() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter().enterpriseName("遵义市明达机械有限公司"));
    Task acceptance = task(application.processInstance());

    Map<String, Object> shown = taskService.getVariablesLocal(acceptance.getId());
    assertThat(shown).containsEntry("enterpriseName", "遵义市明达机械有限公司")
        .containsEntry("branchName", "汇川支行")
        .containsEntry("productName", "抵押快贷")
        .containsEntry("industryText", "C34 通用设备制造业")
        .containsEntry("docCollateralTitleDeedRequired", true)
        .containsEntry("docFinancialStatementsRequired", true)
        .containsEntry("docJointGuaranteeAgreementRequired", false)
        .containsEntry("docGuarantorDocumentsRequired", false);
    assertThat((String) shown.get("requiredDocumentsText")).contains("营业执照", "抵押物权属证明", "抵押物评估报告");
    Task withForm = taskService.createTaskQuery().taskId(acceptance.getId()).initializeFormKeys().singleResult();
    assertThat(withForm.getCamundaFormRef().getKey()).isEqualTo("accept-application");
  }

  // --- acceptance ------------------------------------------------------------------------------

  @Test
  void completeDocumentsHandTheApplicationToCentralProcessing() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());
    ProcessInstance instance = application.processInstance();

    completeAs(ZY001_ACCEPTOR, task(instance).getId(), checklistWithout(application.applicationId()));

    assertThat(instance).hasPassed(TASK_ACCEPT_APPLICATION, GATEWAY_DOCUMENTS_COMPLETE)
        .hasNotPassed(TASK_NOTIFY_DOCUMENTS_MISSING, TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(TakenSequenceFlows.of(instance.getId()))
        .contains(FLOW_DOCUMENTS_COMPLETE).doesNotContain(FLOW_DOCUMENTS_INCOMPLETE);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.IN_PROCESSING);
    assertThat(applications.get(application.applicationId()).missingDocuments()).isEmpty();
    assertThat(eventsOf(application.applicationId())).contains("ACCEPTED by " + ZY001_ACCEPTOR);
    assertThat(mailServer.getReceivedMessages()).isEmpty();
  }

  @Test
  void missingDocumentsAreMailedToTheLegalRepresentative() {
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();

    completeAs(ZY001_ACCEPTOR, task(instance).getId(), checklistWithout(application.applicationId(),
        RequiredDocument.BANK_STATEMENTS, RequiredDocument.COLLATERAL_APPRAISAL_REPORT));

    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DOCUMENTS_INCOMPLETE);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);

    executeDueJobs(instance.getId());

    List<MimeMessage> mails = mailsTo(request.email());
    assertThat(mails).hasSize(1);
    assertThat(subjectOf(mails.get(0))).contains(application.applicationId(), "补充资料");
    assertThat(bodyOf(mails.get(0))).contains("张明", "近12个月银行流水", "抵押物评估报告")
        .doesNotContain("营业执照", "抵押物权属证明");
    assertThat(instance).hasPassed(TASK_NOTIFY_DOCUMENTS_MISSING).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(task(instance)).hasName("登记补充资料").hasCandidateGroup(Groups.acceptance("ZY001"));
    assertThat(taskService.getVariableLocal(task(instance).getId(), "missingDocumentsText"))
        .isEqualTo("近12个月银行流水、抵押物评估报告");
    assertThat(applications.get(application.applicationId()).missingDocuments())
        .containsExactly(RequiredDocument.BANK_STATEMENTS, RequiredDocument.COLLATERAL_APPRAISAL_REPORT);
    assertThat(jdbc.sql("SELECT template FROM mail_outbox WHERE case_id = :id AND status = 'SENT'")
        .param("id", application.applicationId()).query(String.class).list()).containsExactly("DOCUMENTS_MISSING");
  }

  @Test
  void documentsBroughtToTheBranchGoBackToAcceptance() {
    Submitted application = submitWithMissingDocuments();
    ProcessInstance instance = application.processInstance();

    completeAs(ZY001_ACCEPTOR, task(instance).getId(), Map.of("documentsReceived", true));

    assertThat(instance).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DOCUMENTS_BROUGHT_TO_BRANCH);
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count())
        .as("the 5-day timer ends with the task").isZero();
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    assertThat(api.get("/api/applications/" + application.applicationId(), CHANNEL).json().path("missingDocuments").toString())
        .as("the branch has them: the channel asks the applicant for nothing (an upload now is refused)").isEqualTo("[]");

    completeAs(ZY001_ACCEPTOR, task(instance).getId(), checklistWithout(application.applicationId()));

    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.IN_PROCESSING);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(TASK_ACCEPT_APPLICATION).count()).isEqualTo(2);
  }

  @Test
  void branchMustConfirmReceiptBeforeCompletingTheMissingDocumentsTask() {
    Submitted application = submitWithMissingDocuments();
    ProcessInstance instance = application.processInstance();
    String taskId = task(instance).getId();

    assertThatThrownBy(() -> completeAs(ZY001_ACCEPTOR, taskId, Map.of("documentsReceived", false)))
        .hasMessageContaining("补充资料已收到");
    assertThatThrownBy(() -> completeAs(ZY001_ACCEPTOR, taskId, Map.of()))
        .hasMessageContaining("补充资料已收到");

    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
  }

  @Test
  void documentsUploadedThroughAChannelGoBackToAcceptance() {
    Submitted application = submitWithMissingDocuments();
    ProcessInstance instance = application.processInstance();

    Response answer = api.post("/api/applications/" + application.applicationId() + "/documents", CHANNEL,
        """
        {"documents": ["BANK_STATEMENTS", "COLLATERAL_APPRAISAL_REPORT"]}
        """);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(answer.json().get("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");
    assertThat(instance).hasPassed(BOUNDARY_DOCUMENTS_RECEIVED).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DOCUMENTS_UPLOADED);
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    assertThat(eventsOf(application.applicationId())).contains("DOCUMENTS_RECEIVED by " + CHANNEL);
  }

  @Test
  void documentsUploadedInPartKeepTheApplicationWaitingForTheRestAndGoBackToAcceptanceOnceAllAreThere() {
    Submitted application = submitWithMissingDocuments();
    ProcessInstance instance = application.processInstance();
    String applicationId = application.applicationId();

    Response part = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(part.status()).as(part.toString()).isEqualTo(202);
    assertThat(part.json().get("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    Response view = api.get("/api/applications/" + applicationId, CHANNEL);
    assertThat(view.json().path("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    assertThat(view.json().path("missingDocuments").toString()).as("what the applicant still has to upload")
        .isEqualTo("[\"抵押物评估报告\"]");
    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).timers().count())
        .as("the five working days run on").isOne();

    Response rest = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"COLLATERAL_APPRAISAL_REPORT\"]}");

    assertThat(rest.status()).as(rest.toString()).isEqualTo(202);
    assertThat(rest.json().get("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");
    assertThat(instance).hasPassed(BOUNDARY_DOCUMENTS_RECEIVED).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(api.get("/api/applications/" + applicationId, CHANNEL).json().path("missingDocuments").toString()).isEqualTo("[]");
    assertThat(eventsOf(applicationId)).contains("DOCUMENTS_PARTLY_RECEIVED by " + CHANNEL, "DOCUMENTS_RECEIVED by " + CHANNEL);
  }

  @Test
  void anUploadOfOnlyDocumentsAcceptanceDidNotAskForIsRefusedNamingWhatIsStillMissingAndRecordsNothing() {
    Submitted application = submitWithMissingDocuments();
    String applicationId = application.applicationId();
    List<String> eventsBefore = eventsOf(applicationId);

    // The licence the branch already checked, and a disbursement document nobody asked for.
    Response refused = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BUSINESS_LICENCE\", \"BOARD_RESOLUTION\"]}");

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + applicationId + " 不需要上传 营业执照、股东会或董事会同意借款的决议 (未要求补充或已收到), "
            + "仍需补充: 近12个月银行流水、抵押物评估报告; 本次上传未予记录 (application " + applicationId
            + " is not waiting for BUSINESS_LICENCE, BOARD_RESOLUTION: not asked for or already received; still awaited: "
            + "BANK_STATEMENTS, COLLATERAL_APPRAISAL_REPORT; nothing recorded)");
    Response view = api.get("/api/applications/" + applicationId, CHANNEL);
    assertThat(view.json().path("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    assertThat(view.json().path("missingDocuments").toString()).isEqualTo("[\"近12个月银行流水\",\"抵押物评估报告\"]");
    assertThat(eventsOf(applicationId)).as("nothing recorded").isEqualTo(eventsBefore);
    assertThat(application.processInstance()).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);

    Response part = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\", \"BUSINESS_LICENCE\"]}");
    assertThat(part.status()).as(part.body()).isEqualTo(202);
    assertThat(part.json().path("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    assertThat(part.json().path("notAwaitedDocuments").toString()).as("not recorded, and the channel is told")
        .isEqualTo("[\"BUSINESS_LICENCE\"]");
    assertThat(historyAs("centre-processor", applicationId).stream()
        .filter(entry -> entry.path("what").asText().equals("DOCUMENTS_PARTLY_RECEIVED")).map(entry -> entry.path("detail").asText()))
        .as("staff read what was received, and apart what was not awaited")
        .containsExactly("渠道上传: BANK_STATEMENTS; 未要求补充或已收到, 未予记录: BUSINESS_LICENCE; 仍缺: 抵押物评估报告");
    assertThat(taskService.getVariableLocal(task(application.processInstance()).getId(), "missingDocumentsText"))
        .as("the branch's 登记补充资料 lists what is still missing").isEqualTo("抵押物评估报告");

    Response again = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");
    assertThat(again.status()).as("uploaded already: " + again.body()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).startsWith("申请 " + applicationId + " 不需要上传 近12个月银行流水 (未要求补充或已收到), "
        + "仍需补充: 抵押物评估报告; 本次上传未予记录");
    assertThat(application.processInstance()).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
  }

  @Test
  void theChannelShowsTheApplicantTheStepsOfTheMissingDocumentsButNotTheAcceptorsNotes() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());
    String applicationId = application.applicationId();
    String notes = "法人称流水在他行, 评估报告未出, 态度敷衍";
    Map<String, Object> checklist = new HashMap<>(checklistWithout(applicationId, RequiredDocument.BANK_STATEMENTS,
        RequiredDocument.COLLATERAL_APPRAISAL_REPORT));
    checklist.put(AcceptanceTaskListener.NOTES, notes);
    completeAs(ZY001_ACCEPTOR, task(application.processInstance()).getId(), checklist);
    executeDueJobs(application.processInstance().getId());
    assertThat(api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}").status()).isEqualTo(202);
    assertThat(api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"COLLATERAL_APPRAISAL_REPORT\"]}").status()).isEqualTo(202);

    List<JsonNode> told = historyAs(CHANNEL, applicationId);

    assertThat(told).extracting(entry -> entry.path("what").asText() + " " + entry.path("label").asText())
        .containsExactly("SUBMITTED 申请已提交", "STATUS_AWAITING_ACCEPTANCE 待网点受理", "STATUS_DOCUMENTS_MISSING 待补充资料",
            "DOCUMENTS_PARTLY_RECEIVED 部分补充资料已收到, 其余资料仍待补充", "DOCUMENTS_RECEIVED 补充资料已收到",
            "STATUS_AWAITING_ACCEPTANCE 待网点受理");
    assertThat(told).allSatisfy(entry -> assertThat(entry.has("actor")).as("no one's user id").isFalse());
    assertThat(told.toString()).doesNotContain(notes, "态度", ZY001_ACCEPTOR, "TASK", "MAIL_SENT");
    assertThat(historyAs(ZY001_ACCEPTOR, applicationId)).as("the branch reads its own notes").anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(ZY001_ACCEPTOR);
      assertThat(entry.path("what").asText()).isEqualTo("DOCUMENTS_MISSING");
      assertThat(entry.path("detail").asText()).contains(notes);
    });
  }

  @Test
  void theTwoHalvesOfTheMissingDocumentsUploadedAtOnceBringTheApplicationBackToAcceptance() throws Exception {
    Submitted application = submitWithMissingDocuments();
    String applicationId = application.applicationId();
    CountDownLatch firstUploaded = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    // The channel sends the bank statements and, apart, the appraisal report; the second arrives while the first has
    // not committed yet.
    Thread first = new Thread(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(applicationId, List.of("BANK_STATEMENTS"), CHANNEL));
      firstUploaded.countDown();
      try {
        commitFirst.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    first.start();
    assertThat(firstUploaded.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> api.post(
        "/api/applications/" + applicationId + "/documents", CHANNEL, "{\"documents\": [\"COLLATERAL_APPRAISAL_REPORT\"]}"));
    Thread.sleep(500);
    commitFirst.countDown();
    first.join(30_000);
    Response answer = second.get(30, TimeUnit.SECONDS);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(answer.json().get("status").asText()).as("nothing is missing any more").isEqualTo("AWAITING_ACCEPTANCE");
    assertThat(api.get("/api/applications/" + applicationId, CHANNEL).json().path("missingDocuments").toString()).isEqualTo("[]");
    assertThat(application.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
  }

  @Test
  void documentsUploadedJustAsTheProcessMovesOnAreRefusedAndTheChannelRetriesLater() {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());
    assertThat(application.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
    // The status a channel read a moment before the process moved on: the upload finds no wait for documents.
    caseFiles.setStatus(application.applicationId(), ApplicationStatus.DOCUMENTS_MISSING);

    Response raced = api.post("/api/applications/" + application.applicationId() + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(raced.status()).as(raced.body()).isEqualTo(409);
    assertThat(raced.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + application.applicationId() + " 此刻不在等待补充资料, 请稍后重试 (application "
            + application.applicationId() + " is not waiting for documents; retry later)");
    assertThat(application.processInstance()).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(eventsOf(application.applicationId())).doesNotContain("DOCUMENTS_RECEIVED by " + CHANNEL);
  }

  @Test
  void applicationIsWithdrawnWhenDocumentsDoNotArriveWithinFiveDays() {
    stopClock();
    Instant requested = ClockUtil.getCurrentTime().toInstant();
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    Submitted application = submitWithMissingDocuments(request);
    ProcessInstance instance = application.processInstance();

    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    Instant deadline = bankCalendar.workingDaysAfter(requested, 5); // 5 working days of the bank calendar
    assertThat(timer.getDuedate().toInstant()).isEqualTo(deadline);

    moveClockTo(deadline.minus(Duration.ofMinutes(1)));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);

    moveClockBy(Duration.ofMinutes(2)); // 5 working days + 1 minute after the request
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(BOUNDARY_DOCUMENTS_OVERDUE, TASK_WITHDRAW_APPLICATION, TASK_NOTIFY_WITHDRAWAL,
        END_APPLICATION_WITHDRAWN).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DOCUMENTS_OVERDUE);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(api.get("/api/applications/" + application.applicationId(), CHANNEL).json().path("missingDocuments").toString())
        .as("a withdrawn application waits for nothing (the mail and the history name what was missing)").isEqualTo("[]");
    List<MimeMessage> mails = mailsTo(request.email());
    assertThat(mails).extracting(AbstractIntegrationTest::subjectOf)
        .containsExactly("【普惠金融】您的贷款申请 " + application.applicationId() + " 需要补充资料",
            "【普惠金融】您的贷款申请 " + application.applicationId() + " 已撤销");
    assertThat(bodyOf(mails.get(1))).contains("近12个月银行流水", "抵押物评估报告", "撤销");
    List<JsonNode> told = historyAs(CHANNEL, application.applicationId());
    JsonNode last = told.get(told.size() - 1);
    assertThat(last.path("label").asText()).as("the channel's history tells what the mail tells").isEqualTo("已撤销");
    assertThat(last.path("detail").asText()).startsWith(CustomerReason.DOCUMENTS_NOT_SUPPLIED.text())
        .contains("近12个月银行流水", "抵押物评估报告").doesNotContain("补件期限届满");
    Response lateUpload = api.post("/api/applications/" + application.applicationId() + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");
    assertThat(lateUpload.status()).as("documents after withdrawal").isEqualTo(409);
    assertThat(lateUpload.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + application.applicationId() + " 当前状态为已撤销 (WITHDRAWN), 不在等待补充资料, 上传的资料不予受理"
            + " (application " + application.applicationId() + " is WITHDRAWN, not waiting for documents)");
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.WITHDRAWN);
  }

  // --- SMTP outage ------------------------------------------------------------------------------

  @Test
  void mailServerOutageDoesNotHoldUpTheApplicationAndTheMailGoesOutOnceTheServerIsBack() {
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();
    mailServer.stop();

    completeAs(ZY001_ACCEPTOR, task(instance).getId(),
        checklistWithout(application.applicationId(), RequiredDocument.BANK_STATEMENTS));
    executeDueJobs(instance.getId());

    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    assertThat(jdbc.sql("SELECT status FROM mail_outbox WHERE case_id = :id")
        .param("id", application.applicationId()).query(String.class).list()).containsExactly("PENDING");

    mailServer.start();
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1)); // the outbox's first back-off
    dispatchMails(application.applicationId());

    assertThat(mailsTo(request.email())).singleElement()
        .satisfies(mail -> assertThat(subjectOf(mail)).contains("补充资料"));
  }

  // --- counter start form ------------------------------------------------------------------------

  @Test
  void counterClerkRegistersAnApplicationWithTheStartForm() {
    Map<String, Object> form = counterForm("柜面录入测试企业-" + System.nanoTime());
    form.put("requestedAmount", "800000"); // typed without the fen

    ProcessInstance instance = startWithCounterForm("zy001-acceptor", form);

    String applicationId = instance.getBusinessKey();
    assertThat(applicationId).matches("SL\\d{14}");
    LoanApplication registered = applications.get(applicationId);
    assertThat(registered.channel()).isEqualTo(Channel.BRANCH_COUNTER);
    assertThat(registered.enterpriseName()).isEqualTo(form.get("enterpriseName"));
    assertThat(registered.creditCode()).isEqualTo(TestApplications.CREDIT_CODE); // entered in lower case
    assertThat(registered.legalRepIdNumber()).isEqualTo(TestApplications.ID_NUMBER);
    assertThat(registered.requestedAmount()).isEqualByComparingTo("800000.00");
    assertThat(registered.termMonths()).isEqualTo(36);
    assertThat(registered.submittedBy()).isEqualTo("zy001-acceptor");
    assertThat(jdbc.sql("SELECT detail FROM application_event WHERE application_id = :a AND event_type = 'SUBMITTED'")
        .param("a", applicationId).query(String.class).single()).as("the history, as every channel's")
        .isEqualTo("网点柜面 / 抵押快贷 / 800000.00 元");
    assertThat(runtimeService.getVariables(instance.getId()))
        .containsEntry(LoanOriginationProcess.Variables.BRANCH_CODE.name(), "ZY001")
        .containsEntry(LoanOriginationProcess.Variables.BRANCH_ACCEPTANCE_REQUIRED.name(), true)
        .doesNotContainKeys(LoanOriginationProcess.Variables.APPLICATION_ID.name(), // the business key says it
            "creditCode", "legalRepIdNumber", "legalRepMobile", "enterpriseName");

    executeDueJobs(instance.getId());

    assertThat(instance).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(task(instance)).hasCandidateGroup(Groups.acceptance("ZY001"));
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  /**
   * A start over the engine REST API naming an application that already has its origination (or none at all) as
   * business key is refused, in Chinese with the English beside; nothing is started.
   */
  @Test
  void aSecondStartForAnApplicationOverRestIsRefusedInChineseWithTheEnglishBeside() {
    ProcessInstance first = startWithCounterForm("zy001-acceptor", counterForm("柜面重复发起企业-" + System.nanoTime()));
    String applicationId = first.getBusinessKey();

    Response second = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start",
        ZY001_ACCEPTOR, "{\"businessKey\": \"" + applicationId + "\"}");

    assertThat(second.status()).as(second.toString()).isEqualTo(403);
    assertThat(second.json().path("message").asText()).isEqualTo("申请 " + applicationId + " 已有办理流程或不存在, 不能再启动贷款申请流程"
        + " (Application " + applicationId + " does not exist or is already worked by a loan-origination instance;"
        + " a second instance is refused)");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(applicationId).count()).isOne();
  }

  @Test
  void counterStartFormUsesEveryFieldOfTheForm() {
    java.util.Set<String> fields = new java.util.HashSet<>(counterForm("x").keySet());
    fields.addAll(guarantorFields().keySet());
    assertThat(fields).containsExactlyInAnyOrderElementsOf(CounterIntakeListener.FORM_FIELDS.keySet());
  }

  @Test
  void counterClerkRegistersAGuaranteedLoanWithItsTwoGuarantors() {
    Map<String, Object> form = counterForm("柜面保证贷款企业-" + System.nanoTime());
    form.put("product", "GROWTH");
    form.put("guaranteeType", "GUARANTEE");
    form.keySet().removeIf(field -> field.startsWith("collateral")); // hidden for a guarantee: Tasklist sends none
    form.putAll(guarantorFields());

    ProcessInstance instance = startWithCounterForm("zy001-acceptor", form);

    assertThat(applications.guarantorsOf(instance.getBusinessKey()))
        .extracting(Guarantor::name, Guarantor::partyType, Guarantor::relation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("李强", Guarantor.PartyType.PERSON, GuarantorRelation.SHAREHOLDER),
            org.assertj.core.groups.Tuple.tuple("遵义市汇川区关联担保有限公司", Guarantor.PartyType.ENTERPRISE,
                GuarantorRelation.RELATED_ENTERPRISE));
  }

  @Test
  void counterGuarantorWithABadIdNumberIsNamedByTheLabelTheClerkSees() {
    String enterprise = "柜面保证人错误企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    form.put("product", "GROWTH");
    form.put("guaranteeType", "GUARANTEE");
    form.keySet().removeIf(field -> field.startsWith("collateral"));
    form.putAll(guarantorFields());
    form.put("guarantor1IdNumber", "520302198001011230");
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    assertThatThrownBy(() -> startWithCounterForm("zy001-acceptor", form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("保证人1证件号码");

    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  @Test
  void counterStartFormRefusesBadInputNamingEachFieldAndLeavesNothingBehind(CapturedOutput log) {
    String enterprise = "柜面录入错误企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    form.put("creditCode", "91520303MA6DKQ8X4B");
    form.put("legalRepMobile", "12345");
    form.put("purpose", "");
    form.put("termMonths", 200L);
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    assertThatThrownBy(() -> startWithCounterForm("zy001-acceptor", form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("统一社会信用代码")
        .hasMessageContaining("法定代表人手机号码")
        .hasMessageContaining("贷款用途")
        .hasMessageContaining("贷款期限(月)");

    assertNothingLeftBehind(enterprise, instancesBefore);
    assertThat(log.getAll()).as("bad input in the start form is the clerk's to mend, not an engine failure")
        .doesNotContain("ENGINE-16004");
  }

  @Test
  void counterStartFormRefusesALegalRepresentativeUnder18AndLeavesNothingBehind() {
    String enterprise = "柜面未成年法定代表人企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    String first17 = "520302" + LocalDate.now(BusinessClock.BANK_ZONE).minusYears(17)
        .format(DateTimeFormatter.BASIC_ISO_DATE) + "432";
    form.put("legalRepIdNumber", first17 + ResidentIdNumber.checkDigit(first17));
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    assertThatThrownBy(() -> startWithCounterForm("zy001-acceptor", form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("法定代表人身份证号码: 法定代表人未满18周岁, 不具有完全民事行为能力");

    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  @Test
  void counterStartFormNamesAWrongTypeTogetherWithEveryOtherBadField() {
    String enterprise = "柜面录入类型错误企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    form.put("requestedAmount", "八十万");
    form.put("legalRepMobile", "12345");
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    assertThatThrownBy(() -> startWithCounterForm("zy001-acceptor", form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("申请金额(元)")
        .hasMessageContaining("法定代表人手机号码");

    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  @Test
  void counterClerkCannotRegisterForAnotherBranch() {
    String enterprise = "他行网点录入企业-" + System.nanoTime();
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    assertThatThrownBy(() -> startWithCounterForm("zy002-acceptor", counterForm(enterprise)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("受理网点")
        .hasMessageContaining("ZY001");

    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  /**
   * The form's limits hold over the engine REST API too: a guarantor's name of 201 characters where the form takes 200.
   * The form hides the guarantor fields for a mortgage and Tasklist sends none; intake ignores them for a mortgage, so
   * before, the start passed and registered the application.
   */
  @Test
  void aCounterStartFormWithATextLongerThanTheFormAllowsIsRefusedOverRestAndLeavesNothingBehind() {
    String enterprise = "柜面超长字段企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    form.put("guarantor1Name", "保".repeat(201));
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    Response submitted = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/submit-form",
        ZY001_ACCEPTOR, variablesJson(form));
    Response started = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start",
        ZY001_ACCEPTOR, variablesJson(form));

    for (Response refused : List.of(submitted, started)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as("the form's label and limit (counter-intake.form)")
          .startsWith("保证人1名称最多 200 字, 填写了 201 字 (").contains("guarantor1Name has 201 of at most 200 characters");
    }
    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  /** A text no field of the form takes stays a variable of the instance: one too long to store failed the start (500). */
  @Test
  void aCounterStartWithATextTooLongToStoreIsRefusedOverRestAndLeavesNothingBehind() {
    String enterprise = "柜面超长变量企业-" + System.nanoTime();
    Map<String, Object> form = counterForm(enterprise);
    form.put("remark", "备".repeat(4001));
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    Response refused = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/submit-form",
        ZY001_ACCEPTOR, variablesJson(form));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText())
        .startsWith("remark 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字 (");
    assertNothingLeftBehind(enterprise, instancesBefore);
  }

  /**
   * Branch staff hold CREATE_INSTANCE on loan-origination for the counter form, and Camunda checks no more for a start
   * at an activity or one skipping the listeners. Before, the first started an origination waiting at 审批贷款 (200):
   * no application, no scoring, no checks, the variables the clerk chose, the task's listeners skipped (without the
   * skip they failed, 500). The second reached the engine, which refuses to skip listeners at the default start
   * activity (500, ENGINE-13024).
   */
  @Test
  void aBranchClerkMayNotStartAnOriginationPastItsStartEventOverRest() throws Exception {
    String enterprise = "柜面越过开始事件企业-" + System.nanoTime();
    ObjectMapper json = new ObjectMapper();
    ObjectNode atApproval = (ObjectNode) json.readTree(variablesJson(counterForm(enterprise)));
    atApproval.putArray("startInstructions").addObject().put("type", "startBeforeActivity").put("activityId", TASK_APPROVE_LOAN);
    atApproval.put("skipCustomListeners", true).put("skipIoMappings", true);
    ObjectNode skippingListeners = (ObjectNode) json.readTree(variablesJson(counterForm(enterprise)));
    skippingListeners.put("skipCustomListeners", true);
    long instancesBefore = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).count();

    Response started = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start",
        ZY001_ACCEPTOR, atApproval.toString());
    Response skipped = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start",
        ZY001_ACCEPTOR, skippingListeners.toString());

    assertThat(started.status()).as(started.toString()).isEqualTo(403);
    assertThat(started.json().path("message").asText()).isEqualTo("用户 zy001-acceptor 无权在发起流程时使用 startInstructions"
        + ": 从指定节点发起、跳过监听器或输入输出映射仅限 camunda-admin、process-owners 组"
        + " (user 'zy001-acceptor' may not start a process with startInstructions: only camunda-admin, process-owners)");
    assertThat(skipped.status()).as(skipped.toString()).isEqualTo(403);
    assertThat(skipped.json().path("message").asText()).contains("skipCustomListeners");
    assertNothingLeftBehind(enterprise, instancesBefore);

    // The counter form as Tasklist sends it still starts; moving the started instance on needs UPDATE, which staff lack.
    Response ordinary = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/submit-form",
        ZY001_ACCEPTOR, variablesJson(counterForm(enterprise)));
    assertThat(ordinary.status()).as(ordinary.toString()).isEqualTo(200);
    Response moved = api.post("/engine-rest/process-instance/" + ordinary.json().path("id").asText() + "/modification",
        ZY001_ACCEPTOR, "{\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\""
            + TASK_APPROVE_LOAN + "\"}]}");
    assertThat(moved.status()).as(moved.toString()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().processInstanceId(ordinary.json().path("id").asText())
        .taskDefinitionKey(TASK_APPROVE_LOAN).count()).isZero();
  }

  /**
   * An administrator may still start past the start event's listeners, e.g. to restart an origination at an activity
   * (here: at the start event, its counter-intake listener skipped).
   */
  @Test
  void anAdministratorMayStartAnOriginationAtAnActivityOverRest() throws Exception {
    ObjectNode body = (ObjectNode) new ObjectMapper().readTree(variablesJson(counterForm("管理员重启企业-" + System.nanoTime())));
    body.putArray("startInstructions").addObject().put("type", "startBeforeActivity").put("activityId", START_APPLICATION_RECEIVED);
    body.put("skipCustomListeners", true);

    Response started = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start", "admin",
        body.toString());

    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(started.json().path("id").asText()).count())
        .isEqualTo(1);
    runtimeService.deleteProcessInstance(started.json().path("id").asText(), "test", true);
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Submitted submitWithMissingDocuments() {
    return submitWithMissingDocuments(TestApplications.mortgageAtBranchCounter());
  }

  /** Submitted, accepted without bank statements and appraisal report, mail sent: waiting for documents. */
  private Submitted submitWithMissingDocuments(TestApplications.Builder request) {
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();
    completeAs(ZY001_ACCEPTOR, task(instance).getId(), checklistWithout(application.applicationId(),
        RequiredDocument.BANK_STATEMENTS, RequiredDocument.COLLATERAL_APPRAISAL_REPORT));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    return application;
  }

  /** The counter start form as Tasklist submits it: text as typed, numbers as form-js sends them. */
  private static Map<String, Object> counterForm(String enterpriseName) {
    Map<String, Object> form = new HashMap<>();
    form.put("counterBranchCode", "ZY001");
    form.put("product", "MORTGAGE_QUICK");
    form.put("enterpriseName", enterpriseName);
    form.put("creditCode", TestApplications.CREDIT_CODE.toLowerCase());
    form.put("industryCode", "C34");
    form.put("establishedOn", "2016-04-18");
    form.put("annualRevenue", "6500000.00"); // number field with serializeToString
    form.put("legalRepName", "张明");
    form.put("legalRepIdNumber", TestApplications.ID_NUMBER.toLowerCase());
    form.put("legalRepMobile", TestApplications.MOBILE);
    form.put("legalRepEmail", "counter." + System.nanoTime() + "@example.com");
    form.put("requestedAmount", "800000.00");
    form.put("termMonths", 36L);
    form.put("purpose", "购置生产设备");
    form.put("guaranteeType", "MORTGAGE");
    form.put("collateralType", "INDUSTRIAL_PROPERTY");
    form.put("collateralDescription", "汇川区工业园3号厂房");
    form.put("collateralAppraisedValue", "2400000.00");
    return form;
  }

  /** Two guarantors as the counter form's guarantor fields send them: a shareholder and a related enterprise. */
  private static Map<String, Object> guarantorFields() {
    Map<String, Object> form = new HashMap<>();
    form.put("guarantor1Type", "PERSON");
    form.put("guarantor1Name", "李强");
    form.put("guarantor1IdNumber", TestApplications.uniqueIdNumber(8101));
    form.put("guarantor1Relation", "SHAREHOLDER");
    form.put("guarantor1Mobile", "13985066666");
    form.put("guarantor2Type", "ENTERPRISE");
    form.put("guarantor2Name", "遵义市汇川区关联担保有限公司");
    form.put("guarantor2IdNumber", TestApplications.uniqueCreditCode(8102));
    form.put("guarantor2Relation", "RELATED_ENTERPRISE");
    form.put("guarantor2Mobile", "");
    return form;
  }

  /** A start's body as Tasklist and clients of the engine REST API send it: each value as JSON, its type left to the engine. */
  private static String variablesJson(Map<String, Object> form) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    form.forEach((name, value) -> variables.putObject(name).set("value", json.valueToTree(value)));
    return body.toString();
  }

  private ProcessInstance startWithCounterForm(String clerk, Map<String, Object> form) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).latestVersion().singleResult();
    List<String> groups = identityService.createGroupQuery().groupMember(clerk).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(clerk, groups);
    try {
      return formService.submitStartForm(definition.getId(), form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void assertNothingLeftBehind(String enterpriseName, long instancesBefore) {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE enterprise_name = :name")
        .param("name", enterpriseName).query(Long.class).single()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LoanOriginationProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }

  private List<String> eventsOf(String applicationId) {
    return jdbc.sql("SELECT event_type, actor FROM application_event WHERE application_id = :id ORDER BY id")
        .param("id", applicationId)
        .query((rs, row) -> rs.getString("event_type") + " by " + rs.getString("actor"))
        .list();
  }
}
