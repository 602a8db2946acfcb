package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.processing.ScoringService;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credit controls a credit officer signs off (issue 8, items 1-3): the model never pays out more than
 * its own limit; the authority applies to the borrower's exposure (open applications and outstanding
 * loans of the enterprise and of its legal representative's other enterprises), so a second loan or a
 * split loan does not dodge a person or the committee; an application a person had to review is
 * approved by a person.
 */
class CreditControlsProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired ProcessingOutcomes outcomes;
  @Autowired ScoringService scoring;
  @Autowired ApprovalService approvalService;
  @Autowired LoanAccountService loans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void modelDoesNotApproveARequestAboveItsOwnSuggestedLimit() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.smallStrongProfile());

    String applicationId = flow.submitOverApi(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("250000.00"));

    ScoreCard card = scoring.find(applicationId).orElseThrow();
    assertThat(card.grade()).as("a good grade: only the limit keeps it from the model").isIn("A", "B");
    assertThat(card.suggestedLimit()).isLessThan(new BigDecimal("250000.00"));
    assertThat(outcomes.find(applicationId).orElseThrow().approvalRoute()).isEqualTo(ApprovalRoute.SINGLE);
    assertThat(flow.instance(applicationId)).hasNotPassed(TASK_APPROVE_AUTOMATICALLY).isWaitingAt(TASK_VERIFY_REMOTELY);
    // Defence in depth: even a misconfigured table that routed it AUTO would not make the model approve it.
    assertThatThrownBy(() -> approvalService.approveByModel(applicationId))
        .hasMessageContaining("above the model's suggested limit");
  }

  @Test
  void secondSmallLoanOnTopOfADisbursedOneIsApprovedByAPersonNotTheModel() {
    String code = flow.strongEnterprise();
    TestApplications.Builder first = TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("200000.00");
    String firstId = flow.submitOverApi(first);
    flow.signContract(firstId);
    assertThat(loans.findByApplication(firstId)).as("the first loan is paid out by the model").isPresent();

    String secondId = flow.submitOverApi(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("200000.00"));

    ProcessingOutcomes.Outcome second = outcomes.find(secondId).orElseThrow();
    assertThat(second.borrowerExposure()).as("200,000 outstanding + 200,000 requested").isEqualByComparingTo("400000.00");
    assertThat(second.approvalRoute()).isEqualTo(ApprovalRoute.SINGLE);
    assertThat(flow.instance(secondId)).hasNotPassed(TASK_APPROVE_AUTOMATICALLY).isWaitingAt(TASK_VERIFY_REMOTELY);
  }

  @Test
  void splittingALoanIntoTwoApplicationsDoesNotDodgeTheCommittee() {
    String code = flow.strongEnterprise();
    String firstId = flow.submitOverApi(TestApplications.forProduct("MORTGAGE_QUICK").creditCode(code)
        .requestedAmount("3000000.00").collateralAppraisedValue("9000000.00").annualRevenue("31000000.00"));
    flow.acceptAtBranch(firstId);
    ProcessingOutcomes.Outcome first = outcomes.find(firstId).orElseThrow();
    assertThat(first.approvalRoute()).isEqualTo(ApprovalRoute.SINGLE);

    String secondId = flow.submitOverApi(TestApplications.forProduct("MORTGAGE_QUICK").creditCode(code)
        .requestedAmount("3000000.00").collateralAppraisedValue("9000000.00").annualRevenue("31000000.00")
        .collateralDescription("汇川区工业园5号厂房"));
    flow.acceptAtBranch(secondId);
    assertThat(flow.instance(secondId)).as("a second open application of the enterprise").isWaitingAt(TASK_REVIEW_EXCEPTION);
    flow.claimAndComplete(CENTRE_PROCESSOR, secondId, TASK_REVIEW_EXCEPTION,
        TaskForms.form("reviewDecision", "CONTINUE", "reviewNotes", "两处厂房分别抵押, 非重复申请"));

    ProcessingOutcomes.Outcome second = outcomes.find(secondId).orElseThrow();
    assertThat(second.borrowerExposure()).isEqualByComparingTo("6000000.00");
    assertThat(second.approvalRoute()).isEqualTo(ApprovalRoute.COMMITTEE);
  }

  @Test
  void exposureCountsTheOtherEnterprisesOfTheSameLegalRepresentative() {
    TestApplications.Builder firstEnterprise = TestApplications.forProduct("MORTGAGE_QUICK").creditCode(flow.strongEnterprise())
        .requestedAmount("4500000.00").collateralAppraisedValue("9000000.00").annualRevenue("31000000.00");
    String firstId = flow.submitOverApi(firstEnterprise);
    flow.acceptAtBranch(firstId);

    String secondId = flow.submitOverApi(TestApplications.forProduct("MORTGAGE_QUICK").creditCode(flow.strongEnterprise())
        .idNumber(firstEnterprise.idNumber()).requestedAmount("1000000.00"));
    flow.acceptAtBranch(secondId);

    ProcessingOutcomes.Outcome second = outcomes.find(secondId).orElseThrow();
    assertThat(second.borrowerExposure()).as("4,500,000 of the first enterprise + 1,000,000").isEqualByComparingTo("5500000.00");
    assertThat(second.approvalRoute()).isEqualTo(ApprovalRoute.COMMITTEE);
    ProcessInstance instance = flow.instance(secondId);
    assertThat(instance).isWaitingAt(TASK_VERIFY_REMOTELY);
  }
}
