package com.smeloanflow.disbursement;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Contract, collateral and disbursement (DESIGN.md §3.1 steps 6-7): online mortgage registration
 * before the money moves, the contract that is not signed in 15 days, and the disbursement check
 * that finds a condition unmet.
 */
class ContractAndDisbursementProcessTest extends AbstractIntegrationTest {

  private static final String FLOW_MORTGAGE_REGISTRATION_REQUIRED = "SequenceFlow_MortgageRegistrationRequiredYes";
  private static final String FLOW_SIGNATURE_OVERDUE = "SequenceFlow_SignatureOverdue";
  private static final String FLOW_CONDITIONS_NOT_MET = "SequenceFlow_ConditionsMetNo";

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired SandboxCoreBanking coreBanking;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void mortgageLoanIsDisbursedOnlyAfterTheOnlineMortgageRegistration() {
    TestApplications.Builder request = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("抵押充足, 同意"));
    assertThat(mailsTo(request.email())).singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains("线上抵押登记"));

    flow.signContract(applicationId);

    assertThat(instance).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_MORTGAGE_REGISTRATION_REQUIRED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_MORTGAGE_REGISTRATION);
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();

    String creditCode = applications.get(applicationId).creditCode();
    flow.registerMortgage(applicationId, "黔(2026)汇川区不动产证明第" + applicationId.substring(10) + "号", creditCode,
        new BigDecimal("800000.00"));

    assertThat(instance).hasPassed(WAIT_MORTGAGE_REGISTRATION).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());

    assertThat(instance).isEnded().hasPassed(TASK_DISBURSE_LOAN, END_LOAN_DISBURSED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(loans.findByApplication(applicationId)).get().extracting(LoanAccount::principal)
        .satisfies(principal -> assertThat(principal).isEqualByComparingTo("800000.00"));
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
  }

  @Test
  void registrationSecuringLessThanTheApprovedAmountIsRefusedAndTheLoanKeepsWaiting() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("MORTGAGE_QUICK", "800000.00"));
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);
    String number = "黔(2026)汇川区不动产证明第9" + applicationId.substring(10) + "号";
    Response registered = flow.registerInMortgageRegistry(number, applications.get(applicationId).creditCode(),
        new BigDecimal("500000.00"));
    assertThat(registered.status()).isEqualTo(200);

    Response reported = flow.reportMortgageRegistration(applicationId, number);

    assertThat(reported.status()).as("answer: %s", reported).isEqualTo(400);
    assertThat(reported.contentType()).isEqualTo("application/problem+json");
    assertThat(reported.json().path("errors").get(0).path("field").asText()).isEqualTo("registrationNumber");
    assertThat(reported.json().path("errors").get(0).path("code").asText()).isEqualTo("INSUFFICIENT_SECURED_AMOUNT");
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
  }

  @Test
  void mortgageNotRegisteredWithinThirtyDaysWithdrawsTheApplicationUnpaid() {
    TestApplications.Builder request = flow.strongAtBranch("MORTGAGE_QUICK", "800000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);
    assertThat(instance).isWaitingAt(WAIT_MORTGAGE_REGISTRATION);

    moveClockBy(Duration.ofDays(30).plusMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded()
        .hasPassed(BOUNDARY_MORTGAGE_REGISTRATION_OVERDUE, TASK_WITHDRAW_UNSIGNED, END_CONTRACT_EXPIRED)
        .hasNotPassed(TASK_CHECK_DISBURSEMENT_CONDITIONS, TASK_DISBURSE_LOAN);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(mailsTo(request.email())).extracting(AbstractIntegrationTest::subjectOf).last().asString().contains("已撤销");
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
  }

  @Test
  void contractNotSignedWithinFifteenDaysWithdrawsTheApplicationAndTellsTheApplicant() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("100000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);

    moveClockBy(Duration.ofDays(15).minusMinutes(1));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);

    moveClockBy(Duration.ofMinutes(2));
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded()
        .hasPassed(BOUNDARY_SIGNATURE_OVERDUE, TASK_WITHDRAW_UNSIGNED, END_CONTRACT_EXPIRED)
        .hasNotPassed(TASK_DISBURSE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_SIGNATURE_OVERDUE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(mailsTo(request.email())).extracting(AbstractIntegrationTest::subjectOf)
        .hasSize(2).last().asString().contains("已撤销").contains("合同未签署");
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(loans.findByApplication(applicationId)).isEmpty();
  }

  @Test
  void disbursementConditionsNotMetRejectTheApplicationAndNothingIsPaidOut() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = flow.submitOverApi(request);
    ProcessInstance instance = flow.instance(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementConditionsNotMet("企业基本结算账户已被冻结"));

    assertThat(instance).isEnded().hasPassed(TASK_REJECT_APPLICATION, END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_DISBURSE_LOAN);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_CONDITIONS_NOT_MET);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(loans.findByApplication(applicationId)).isEmpty();
    assertThat(mailsTo(request.email())).extracting(AbstractIntegrationTest::bodyOf)
        .last().asString().contains("企业基本结算账户已被冻结");
  }
}
