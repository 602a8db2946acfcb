package com.smeloanflow.disbursement;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Contract, collateral and disbursement (DESIGN.md §3.1 steps 6-7): online mortgage registration before
 * the money moves (in favour of the bank, over the application's collateral, securing enough, securing
 * one loan), the deadlines of signing and registration, and every conclusion of the disbursement
 * check — met, held, documents asked for, declined — each with the mail the applicant should get.
 */
class ContractAndDisbursementProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired SandboxESignature eSignature;
  @Autowired SandboxMortgageRegistry registry;
  @Autowired ContractService contracts;
  @Autowired ApplicationChecks checks;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  // --- mortgage registration ----------------------------------------------------------------------

  @Test
  void mortgageLoanIsDisbursedOnlyAfterTheOnlineMortgageRegistration() {
    TestApplications.Builder request = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String applicationId = signedMortgageLoan(request);
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(mailsTo(request.email())).first().satisfies(mail -> assertThat(bodyOf(mail)).contains("线上抵押登记"));

    assertThat(instance).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(MORTGAGE_REGISTRATION_REQUIRED_YES);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_MORTGAGE_REGISTRATION);
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();

    flow.registerMortgage(applicationId, registrationNumber(applicationId), creditCodeOf(applicationId), new BigDecimal("800000.00"));

    assertThat(instance).hasPassed(WAIT_MORTGAGE_REGISTRATION).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());

    assertThat(instance).isEnded().hasPassed(TASK_DISBURSE_LOAN, TASK_OPEN_LOAN_ACCOUNT, END_LOAN_DISBURSED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(loans.findByApplication(applicationId)).get().extracting(LoanAccount::principal)
        .satisfies(principal -> assertThat(principal).isEqualByComparingTo("800000.00"));
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(historyAs(CHANNEL, applicationId)).as("the channel's history: what the applicant is shown, in time order")
        .extracting(entry -> entry.path("what").asText() + " " + entry.path("label").asText())
        .containsExactly("SUBMITTED 申请已提交", "STATUS_AWAITING_ACCEPTANCE 待网点受理", "ACCEPTED 申请已受理",
            "STATUS_IN_PROCESSING 集中处理中", "STATUS_AWAITING_VERIFICATION 待远程核实", "STATUS_AWAITING_APPROVAL 待审批",
            "STATUS_APPROVED 已批准", "STATUS_AWAITING_SIGNATURE 待签署合同", "CONTRACT_SIGNED 借款合同已签署",
            "STATUS_AWAITING_MORTGAGE_REGISTRATION 待办理抵押登记", "MORTGAGE_REGISTERED 抵押登记已办理",
            "STATUS_AWAITING_DISBURSEMENT 待放款", "STATUS_DISBURSED 已放款");
  }

  @Test
  void registrationThatSecuresTooLittleNamesAnotherMortgageeOrAnotherCollateralIsRefusedAndTheLoanKeepsWaiting() {
    String applicationId = signedMortgageLoan(flow.strongAtBranch("MORTGAGE_QUICK", "800000.00"));
    String code = creditCodeOf(applicationId);

    assertRefused(applicationId, "1", flow.registerInMortgageRegistry(registrationNumber(applicationId) + "1", code,
        new BigDecimal("500000.00")), "INSUFFICIENT_SECURED_AMOUNT");
    assertRefused(applicationId, "2", flow.registerInMortgageRegistry(registrationNumber(applicationId) + "2", code,
        new BigDecimal("800000.00"), "INDUSTRIAL_PROPERTY", "汇川区工业园3号厂房", "另一家银行股份有限公司"), "WRONG_MORTGAGEE");
    assertRefused(applicationId, "3", flow.registerInMortgageRegistry(registrationNumber(applicationId) + "3", code,
        new BigDecimal("800000.00"), "RESIDENTIAL_PROPERTY", "汇川区某小区2栋301", null), "OTHER_COLLATERAL");
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
  }

  @Test
  void oneRegistrationSecuresOneLoan() {
    TestApplications.Builder first = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String firstId = signedMortgageLoan(first);
    String number = registrationNumber(firstId);
    flow.registerMortgage(firstId, number, creditCodeOf(firstId), new BigDecimal("800000.00"));
    // The same enterprise's second mortgage loan, reported with the first loan's registration.
    TestApplications.Builder second = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00").creditCode(creditCodeOf(firstId));
    String secondId = flow.submitOverApi(second);
    flow.acceptAtBranch(secondId);
    if (taskService.createTaskQuery().processInstanceBusinessKey(secondId).taskDefinitionKey(TASK_REVIEW_EXCEPTION).count() > 0) {
      flow.claimAndComplete(LoanFlow.CENTRE_PROCESSOR, secondId, TASK_REVIEW_EXCEPTION,
          TaskForms.form("reviewDecision", "CONTINUE", "reviewNotes", "同一企业第二笔抵押贷款, 抵押物不同"));
    }
    flow.verifyRemotely(secondId);
    flow.claimAndComplete(APPROVER, secondId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(secondId);

    Response reported = flow.reportMortgageRegistration(secondId, number);

    assertThat(reported.status()).as(reported.body()).isEqualTo(400);
    assertThat(reported.json().path("errors").get(0).path("code").asText()).isEqualTo("ALREADY_SECURES_ANOTHER_LOAN");
    assertThat(flow.instance(secondId)).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
  }

  @Test
  void mortgageNotRegisteredInThirtyDaysWithdrawsTheSignedContractAndTellsTheSignerWhyNotThatHeDidNotSign() {
    TestApplications.Builder request = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String applicationId = signedMortgageLoan(request);
    ProcessInstance instance = flow.instance(applicationId);

    moveClockByWorkingDays(30, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded()
        .hasPassed(BOUNDARY_MORTGAGE_REGISTRATION_OVERDUE, TASK_WITHDRAW_UNSIGNED, TASK_CANCEL_CONTRACT_ON_EXPIRY,
            END_CONTRACT_EXPIRED, BOUNDARY_CONTRACT_WITHDRAWN, TASK_NOTIFY_WITHDRAWAL, END_APPLICATION_WITHDRAWN)
        .hasNotPassed(TASK_CHECK_DISBURSEMENT_CONDITIONS, TASK_DISBURSE_LOAN);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.WITHDRAWN);
    MimeMessage withdrawal = last(mailsTo(request.email()));
    assertThat(subjectOf(withdrawal)).contains("已撤销");
    assertThat(bodyOf(withdrawal)).contains(CustomerReason.MORTGAGE_NOT_REGISTERED.text()).doesNotContain("未签署");
    assertThat(eSignature.status(contracts.find(applicationId).orElseThrow().envelopeId())).contains("CANCELLED");
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    Response late = flow.reportMortgageRegistration(applicationId, registrationNumber(applicationId));
    assertThat(late.status()).as("a registration reported after the withdrawal: %s", late).isEqualTo(409);
    assertThat(late.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + applicationId + " 当前状态为已撤销 (WITHDRAWN), 不在待办理抵押登记状态, 抵押登记报送不予受理"
            + " (application " + applicationId + " is WITHDRAWN, not awaiting a mortgage registration)");
  }

  // --- signing -----------------------------------------------------------------------------------

  @Test
  void contractNotSignedWithinFifteenDaysWithdrawsTheApplicationAndTellsTheApplicant() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("100000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    JsonNode waiting = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(waiting.path("status").asText()).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    assertThat(waiting.has("outcome")).as("no outcome while the applicant may still sign: " + waiting).isFalse();

    moveClockByWorkingDays(15, Duration.ofMinutes(-1));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);

    moveClockBy(Duration.ofMinutes(2));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded()
        .hasPassed(BOUNDARY_SIGNATURE_OVERDUE, TASK_WITHDRAW_UNSIGNED, END_CONTRACT_EXPIRED)
        .hasNotPassed(TASK_DISBURSE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(SIGNATURE_OVERDUE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(mailsTo(request.email())).extracting(AbstractIntegrationTest::subjectOf).hasSize(2).last().asString().contains("已撤销");
    assertThat(bodyOf(last(mailsTo(request.email())))).contains(CustomerReason.CONTRACT_NOT_SIGNED.text());
    JsonNode withdrawn = api.get("/api/applications/" + applicationId, CHANNEL).json().path("outcome");
    assertThat(withdrawn.path("result").asText()).as("the channel's view: " + withdrawn).isEqualTo("WITHDRAWN");
    assertThat(withdrawn.path("reasonCode").asText()).isEqualTo(CustomerReason.CONTRACT_NOT_SIGNED.name());
    assertThat(withdrawn.path("reason").asText()).isEqualTo(CustomerReason.CONTRACT_NOT_SIGNED.text());
    assertThat(eSignature.status(contracts.find(applicationId).orElseThrow().envelopeId())).contains("CANCELLED");
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(loans.findByApplication(applicationId)).isEmpty();
  }

  @Test
  void guarantorWhoDoesNotSignInFifteenDaysWithdrawsTheApplicationAndTheBorrowerIsToldSo() {
    TestApplications.Builder request = flow.strongAtBranch("GROWTH", "800000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    assertThat(bodyOf(mailsTo(request.email()).get(0))).contains("保证人 李强 须在 15 个工作日内");
    flow.signContract(applicationId);
    assertThat(instance).isWaitingAt(WAIT_GUARANTEE_SIGNATURES);

    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(BOUNDARY_GUARANTEE_SIGNATURES_OVERDUE, END_CONTRACT_EXPIRED);
    assertThat(bodyOf(last(mailsTo(request.email())))).contains(CustomerReason.GUARANTEES_NOT_SIGNED.text());
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    String guarantee = contracts.guarantees(applicationId).get(0).contractNumber();
    Response late = api.post("/api/applications/" + applicationId + "/guarantee-signatures", LoanFlow.CHANNEL,
        "{\"contractNumber\":\"" + guarantee + "\",\"signatureId\":\"SIG-LATE\",\"signedAt\":\"2026-11-23T11:00:00+08:00\"}");
    assertThat(late.status()).as("a guarantor's signature reported after the withdrawal: %s", late).isEqualTo(409);
    assertThat(late.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("保证合同 " + guarantee + " 已作废 (CANCELLED), 不在待签署状态, 签署报送不予受理 (guarantee contract "
            + guarantee + " is CANCELLED, not awaiting a signature)");
  }

  @Test
  void guarantorMaySignBeforeTheBorrowerAndTheLoanDoesNotWaitForHimAgain() {
    TestApplications.Builder request = flow.strongAtBranch("GROWTH", "800000.00");
    String applicationId = flow.submitOverApi(request);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);

    flow.signGuarantees(applicationId);
    flow.signContract(applicationId);

    assertThat(flow.instance(applicationId)).hasNotPassed(WAIT_GUARANTEE_SIGNATURES).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
  }

  /**
   * The channel reports a guarantor's signature with the guarantee contract's number: it reads the number, the guarantor
   * and whether it is signed from the application while the application awaits signatures, and nothing once it no longer does.
   */
  @Test
  void theChannelReadsEachGuaranteeContractFromTheApplicationWhileItAwaitsSignaturesAndReportsTheSignatureWithIt() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("GROWTH", "800000.00"));
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    JsonNode beforeApproval = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(beforeApproval.path("guaranteeContracts")).as("nothing to sign before the approval: " + beforeApproval).isEmpty();
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);

    JsonNode awaiting = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(awaiting.path("status").asText()).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    assertThat(awaiting.path("guaranteeContracts")).as("the channel's view: " + awaiting).hasSize(1);
    JsonNode guarantee = awaiting.path("guaranteeContracts").get(0);
    String number = guarantee.path("contractNumber").asText();
    assertThat(number).isEqualTo("BZ" + applicationId.substring(2) + "-1");
    assertThat(guarantee.path("guarantorName").asText()).isEqualTo("李强");
    assertThat(guarantee.path("signed").asBoolean()).isFalse();

    Response signed = api.post("/api/sandbox/e-signature/applications/" + applicationId + "/guarantees/" + number + "/sign",
        LoanFlow.ADMIN, null);
    Response reported = api.post("/api/applications/" + applicationId + "/guarantee-signatures", CHANNEL,
        "{\"contractNumber\":\"" + number + "\",\"signatureId\":\"" + signed.json().path("signatureId").asText()
            + "\",\"signedAt\":\"2026-11-23T11:00:00+08:00\"}");
    assertThat(reported.status()).as("the guarantor's signature reported with the number the channel read: %s", reported)
        .isEqualTo(200);

    JsonNode guarantorSigned = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(guarantorSigned.path("status").asText()).as("the borrower has not signed yet")
        .isEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    assertThat(guarantorSigned.path("guaranteeContracts").get(0).path("contractNumber").asText()).isEqualTo(number);
    assertThat(guarantorSigned.path("guaranteeContracts").get(0).path("signed").asBoolean()).isTrue();

    flow.signContract(applicationId);

    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    JsonNode allSigned = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(allSigned.path("status").asText()).isNotEqualTo(ApplicationStatus.AWAITING_SIGNATURE.name());
    assertThat(allSigned.path("guaranteeContracts")).as("nothing left to sign: " + allSigned).isEmpty();
  }

  @Test
  void guarantorsSignatureIsOnTheApplicantsHistoryWithoutTheContractTheGuarantorOrWhoReportedIt() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("GROWTH", "800000.00"));
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_GUARANTEE_SIGNATURES);
    String guarantee = contracts.guarantees(applicationId).get(0).contractNumber();

    flow.signGuarantees(applicationId);

    assertThat(flow.instance(applicationId)).hasPassed(WAIT_GUARANTEE_SIGNATURES).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    List<JsonNode> told = historyAs(CHANNEL, applicationId);
    assertThat(told).extracting(entry -> entry.path("what").asText() + " " + entry.path("label").asText())
        .as("the channel's history: the guarantor signed after the borrower, then the loan awaits disbursement")
        .containsSubsequence("CONTRACT_SIGNED 借款合同已签署", "GUARANTEE_SIGNED 保证合同已签署", "STATUS_AWAITING_DISBURSEMENT 待放款")
        .containsOnlyOnce("GUARANTEE_SIGNED 保证合同已签署");
    assertThat(told).allSatisfy(entry -> assertThat(entry.has("actor")).as("no one's user id").isFalse());
    assertThat(told.toString()).as("the record's detail stays inside the bank")
        .doesNotContain(guarantee, "李强", "签名", CHANNEL, APPROVER, "actor");
    assertThat(historyAs(DISBURSER, applicationId)).as("staff read which contract was signed, by whom").anySatisfy(entry -> {
      assertThat(entry.path("what").asText()).isEqualTo("GUARANTEE_SIGNED");
      assertThat(entry.path("detail").asText()).contains(guarantee, "李强");
    });
  }

  // --- the disbursement check ----------------------------------------------------------------------

  @Test
  void heldDisbursementTellsTheApplicantWhenAndComesBackToTheCheckOnThatDay() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    stopClock();
    LocalDate until = java.time.LocalDate.now(com.smeloanflow.platform.BusinessClock.BANK_ZONE).plusDays(3);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementHeld(until.toString(), "待核心系统完成受托支付账户校验"));

    assertThat(instance).hasPassed(TASK_NOTIFY_DISBURSEMENT_HELD).isWaitingAt(TIMER_HOLD_EXPIRED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
    MimeMessage held = last(mailsTo(request.email()));
    assertThat(bodyOf(held)).contains("预计将于" + ChineseDates.day(until) + "当日").doesNotContain("受托支付账户校验");
    assertThat(historyAs(CHANNEL, applicationId).toString()).as("nor does the channel's history tell the checker's notes")
        .doesNotContain("受托支付账户校验", "DISBURSEMENT_HOLD", DISBURSER, "actor");
    assertThat(historyAs(DISBURSER, applicationId)).as("staff read them").anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(DISBURSER);
      assertThat(entry.path("what").asText()).isEqualTo("DISBURSEMENT_HOLD");
      assertThat(entry.path("detail").asText()).contains("受托支付账户校验");
    });
    assertThat(checks.of(applicationId, CheckType.DISBURSEMENT_CHECK)).as("the check as the due-diligence review shows it")
        .singleElement().satisfies(check -> assertThat(check.describe()).contains("暂缓至" + ChineseDates.day(until))
            .doesNotContain(until.toString()));

    moveClockBy(Duration.ofDays(4));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());
    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
  }

  @Test
  void documentsAskedForBeforeDisbursementAreUploadedThroughTheChannelAndTheCheckComesBack() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));

    assertThat(instance).hasPassed(TASK_NOTIFY_SUPPLEMENT_REQUIRED).isWaitingAt(TASK_RECEIVE_DISBURSEMENT_DOCUMENTS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    assertThat(bodyOf(last(mailsTo(request.email())))).contains("与贷款用途相符的购销合同").contains("购销发票")
        .doesNotContain("贷款用途需与购销合同核对");
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).as("what the applicant is asked to upload")
        .containsExactly("与贷款用途相符的购销合同", "购销发票");

    Response uploaded = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\",\"INVOICE\"]}");
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).as("supplied").isEmpty();
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());
    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    List<JsonNode> told = historyAs(CHANNEL, applicationId);
    assertThat(told).extracting(entry -> entry.path("label").asText()).as("after the contract was signed")
        .endsWith("借款合同已签署", "待放款", "待补充资料", "补充资料已收到", "待放款", "已放款");
    assertThat(told.toString()).as("the checker's notes and the checker stay inside the bank")
        .doesNotContain("贷款用途需与购销合同核对", "DISBURSEMENT_SUPPLEMENT", "DISBURSEMENT_CONDITIONS_MET", DISBURSER, CHANNEL,
            "actor");
  }

  @Test
  void documentsAskedForBeforeDisbursementUploadedInPartKeepTheSupplementWaitingForTheRest() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));

    Response part = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\"]}");
    assertThat(part.status()).as(part.body()).isEqualTo(202);
    executeDueJobs(instance.getId());

    assertThat(part.json().path("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).as("what is still to upload").containsExactly("购销发票");
    assertThat(instance).as("the check does not come back for part of what it asked for")
        .isWaitingAt(TASK_RECEIVE_DISBURSEMENT_DOCUMENTS).hasNotPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED);

    Response rest = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"INVOICE\"]}");
    assertThat(rest.status()).as(rest.body()).isEqualTo(202);
    executeDueJobs(instance.getId());

    assertThat(rest.json().path("status").asText()).isEqualTo("AWAITING_DISBURSEMENT");
    assertThat(instance).hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).as("supplied").isEmpty();
  }

  @Test
  void anUploadOfOnlyDocumentsTheDisbursementCheckDidNotAskForIsRefusedNamingWhatIsStillMissingAndRecordsNothing() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));

    Response refused = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"BOARD_RESOLUTION\"]}");

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + applicationId + " 不需要上传 股东会或董事会同意借款的决议 (未要求补充或已收到), "
            + "仍需补充: 与贷款用途相符的购销合同、购销发票; 本次上传未予记录 (application " + applicationId
            + " is not waiting for BOARD_RESOLUTION: not asked for or already received; still awaited: PURCHASE_CONTRACT, "
            + "INVOICE; nothing recorded)");
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).containsExactly("与贷款用途相符的购销合同", "购销发票");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_event WHERE application_id = :a AND event_type LIKE :t")
        .param("a", applicationId).param("t", "DISBURSEMENT_DOCUMENTS%").query(Long.class).single()).as("nothing recorded").isZero();

    Response part = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\",\"BOARD_RESOLUTION\"]}");
    assertThat(part.status()).as(part.body()).isEqualTo(202);
    assertThat(part.json().path("status").asText()).isEqualTo("DOCUMENTS_MISSING");
    assertThat(part.json().path("notAwaitedDocuments").toString()).as("not recorded, and the channel is told")
        .isEqualTo("[\"BOARD_RESOLUTION\"]");
    assertThat(historyAs("centre-processor", applicationId).stream()
        .filter(entry -> entry.path("what").asText().equals("DISBURSEMENT_DOCUMENTS_PARTLY_RECEIVED"))
        .map(entry -> entry.path("detail").asText()))
        .as("staff read what was received, and apart what was not awaited")
        .containsExactly("渠道上传: PURCHASE_CONTRACT; 未要求补充或已收到, 未予记录: BOARD_RESOLUTION; 仍缺: 购销发票");

    Response again = api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\"]}");
    assertThat(again.status()).as("uploaded already: " + again.body()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).startsWith("申请 " + applicationId + " 不需要上传 与贷款用途相符的购销合同 "
        + "(未要求补充或已收到), 仍需补充: 购销发票; 本次上传未予记录");
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_RECEIVE_DISBURSEMENT_DOCUMENTS).hasNotPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED);
    assertThat(missingDocumentsAsTheChannelSees(applicationId)).containsExactly("购销发票");
  }

  /**
   * Fifteen supplement rounds of four documents each, every one brought to the branch: the checker's task is created
   * showing the newest rounds that fit and how many earlier ones it leaves out, instead of the checker's request for the
   * next round failing (every round in full passed the engine's 4,000 characters on the branch's task).
   */
  @Test
  void manySupplementRoundsLeaveTheCheckShowingTheNewestRoundsThatFit() {
    stopClock();
    String applicationId = flow.atDisbursementCheck(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    for (int round = 1; round <= 15; round++) {
      flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementSupplement(
          List.of("PURCHASE_CONTRACT", "INVOICE", "PAYEE_ACCOUNT_PROOF", "BOARD_RESOLUTION"), "第" + round + "次补充"));
      flow.claimAndComplete(LoanFlow.ACCEPTOR, applicationId, TASK_RECEIVE_DISBURSEMENT_DOCUMENTS, Map.of("supplementReceived", true));
      executeDueJobs(instance.getId());
    }

    assertThat(instance).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    String shown = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS).getId(),
        "supplementText");
    assertThat(shown).hasSizeLessThanOrEqualTo(com.smeloanflow.platform.FormText.MAX_CHARACTERS)
        .containsPattern("^- 更早的 \\d+ 条补充记录未显示\n\n第\\d+轮: ").contains("\n\n第15轮: ").doesNotContain("第1轮: ")
        .endsWith("- 股东会或董事会同意借款的决议: " + minute(ClockUtil.getCurrentTime().toInstant()) + " 网点登记收到 (" + LoanFlow.ACCEPTOR + ")");
  }

  @Test
  void theCheckerDecidingAgainSeesWhatWasAskedForWhatArrivedWhenAndHow() {
    stopClock();
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));
    String askedAt = minute(ClockUtil.getCurrentTime().toInstant());
    moveClockBy(Duration.ofHours(2));
    assertThat(api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\"]}").status()).isEqualTo(202);
    String uploadedAt = minute(ClockUtil.getCurrentTime().toInstant());
    executeDueJobs(instance.getId());

    String atTheBranch = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_RECEIVE_DISBURSEMENT_DOCUMENTS).getId(),
        "supplementText");
    assertThat(atTheBranch).as("the branch sees what is still missing").contains("- 购销发票: **仍缺**")
        .contains("- 与贷款用途相符的购销合同: " + uploadedAt + " 借款人线上上传 (" + CHANNEL + ")");

    moveClockBy(Duration.ofDays(1));
    String broughtAt = minute(ClockUtil.getCurrentTime().toInstant());
    flow.claimAndComplete(LoanFlow.ACCEPTOR, applicationId, TASK_RECEIVE_DISBURSEMENT_DOCUMENTS, Map.of("supplementReceived", true));
    executeDueJobs(instance.getId());

    assertThat(instance).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    String atTheCheck = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS).getId(),
        "supplementText");
    assertThat(atTheCheck).isEqualTo("第1轮: " + askedAt + " " + DISBURSER + " 要求补充 与贷款用途相符的购销合同、购销发票, "
        + broughtAt + " 已齐全\n\n"
        + "- 与贷款用途相符的购销合同: " + uploadedAt + " 借款人线上上传 (" + CHANNEL + ")\n"
        + "- 购销发票: " + broughtAt + " 网点登记收到 (" + LoanFlow.ACCEPTOR + ")");
  }

  @Test
  void documentsNotAllUploadedInFifteenDaysDeclineTheLoan() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));
    assertThat(api.post("/api/applications/" + applicationId + "/documents", CHANNEL,
        "{\"documents\":[\"INVOICE\"]}").status()).isEqualTo(202);

    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_OVERDUE, END_APPLICATION_REJECTED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
  }

  @Test
  void documentsNotBroughtInFifteenDaysDeclineTheLoanAndCancelTheSignedContract() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.atDisbursementCheck(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("BOARD_RESOLUTION"), "需股东会决议"));

    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_OVERDUE, TASK_DECLINE_DISBURSEMENT,
        TASK_CANCEL_CONTRACT_ON_DECLINE, END_DISBURSEMENT_DECLINED, END_APPLICATION_REJECTED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(bodyOf(last(mailsTo(request.email())))).contains(CustomerReason.DISBURSEMENT_DOCUMENTS_NOT_SUPPLIED.text());
    assertThat(eSignature.status(contracts.find(applicationId).orElseThrow().envelopeId())).contains("CANCELLED");
  }

  @Test
  void declinedDisbursementCancelsTheContractReleasesTheMortgagePaysNothingAndTellsTheApplicantTheCatalogueReason() {
    TestApplications.Builder request = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String applicationId = signedMortgageLoan(request);
    ProcessInstance instance = flow.instance(applicationId);
    String number = registrationNumber(applicationId);
    flow.registerMortgage(applicationId, number, creditCodeOf(applicationId), new BigDecimal("800000.00"));
    String internal = "企业基本结算账户已被冻结";

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementDeclined(internal));

    assertThat(instance).isEnded().hasPassed(TASK_CANCEL_CONTRACT_ON_DECLINE, END_DISBURSEMENT_DECLINED,
            BOUNDARY_CONTRACT_DECLINED, END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_DISBURSE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(DISBURSEMENT_REFUSED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(loans.findByApplication(applicationId)).isEmpty();
    assertThat(eSignature.status(contracts.find(applicationId).orElseThrow().envelopeId())).contains("CANCELLED");
    assertThat(registry.find(number).orElseThrow().releasedAt()).as("mortgage released").isNotNull();
    MimeMessage declined = last(mailsTo(request.email()));
    assertThat(subjectOf(declined)).doesNotContain("经审查");
    assertThat(subjectOf(declined)).as("it was approved: not told otherwise").contains("未能办理完成").doesNotContain("未获批准");
    assertThat(bodyOf(declined)).contains("已获批准，但未能完成签约后的办理").doesNotContain("未能获批");
    assertThat(bodyOf(declined)).contains(CustomerReason.DISBURSEMENT_CONDITIONS_NOT_MET.text()).doesNotContain(internal);
    List<JsonNode> told = historyAs(CHANNEL, applicationId);
    JsonNode last = told.get(told.size() - 1);
    assertThat(last.path("what").asText()).as("the channel's history ends as the mail does").isEqualTo("STATUS_REJECTED");
    assertThat(last.path("detail").asText()).isEqualTo(CustomerReason.DISBURSEMENT_CONDITIONS_NOT_MET.text());
    assertThat(told.toString()).doesNotContain(internal, DISBURSER, "CONTRACT_CANCELLED", "MORTGAGE_RELEASED", "actor");
    assertThat(historyAs(DISBURSER, applicationId)).as("staff keep the checker's finding").anySatisfy(entry -> {
      assertThat(entry.path("actor").asText()).isEqualTo(DISBURSER);
      assertThat(entry.path("detail").asText()).contains(internal);
    });
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** A mortgage loan accepted, verified, approved and signed: waiting for its registration. */
  private String signedMortgageLoan(TestApplications.Builder request) {
    String applicationId = flow.submitOverApi(request);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("抵押充足, 同意"));
    flow.signContract(applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
    return applicationId;
  }

  /** A moment as the task forms show it. */
  private static String minute(Instant at) {
    return ChineseDates.minute(at);
  }

  /** {@code missingDocuments} of {@code GET /api/applications/{id}}, as the channel shows the applicant. */
  private List<String> missingDocumentsAsTheChannelSees(String applicationId) {
    Response view = api.get("/api/applications/" + applicationId, CHANNEL);
    assertThat(view.status()).as(view.body()).isEqualTo(200);
    List<String> missing = new ArrayList<>();
    view.json().path("missingDocuments").forEach(document -> missing.add(document.asText()));
    return missing;
  }

  private void assertRefused(String applicationId, String suffix, Response registered, String code) {
    assertThat(registered.status()).isEqualTo(200);
    Response reported = flow.reportMortgageRegistration(applicationId, registrationNumber(applicationId) + suffix);
    assertThat(reported.status()).as("answer: %s", reported).isEqualTo(400);
    assertThat(reported.contentType()).isEqualTo("application/problem+json");
    assertThat(reported.json().path("errors").get(0).path("field").asText()).isEqualTo("registrationNumber");
    assertThat(reported.json().path("errors").get(0).path("code").asText()).isEqualTo(code);
  }

  private String creditCodeOf(String applicationId) {
    return applications.get(applicationId).creditCode();
  }

  private static String registrationNumber(String applicationId) {
    return "黔(2026)汇川区不动产证明第" + applicationId.substring(10) + "号";
  }

  private static MimeMessage last(List<MimeMessage> mails) {
    assertThat(mails).isNotEmpty();
    return mails.get(mails.size() - 1);
  }
}
