package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.processing.ProcessingOutcomeRepository;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route SINGLE (DESIGN.md §3.1 step 5): one approver of credit-approvers decides in Tasklist —
 * claim and complete over the engine REST API as the demo user. Every outcome of the approval form
 * has its test: approve, approve with conditions (re-priced), return for information, reject.
 */
class SingleApproverProcessTest extends AbstractIntegrationTest {

  private static final String FLOW_APPROVAL_ROUTE_SINGLE = "SequenceFlow_ApprovalRouteSingle";
  private static final String FLOW_DECISION_APPROVE = "SequenceFlow_ApprovalDecisionApprove";
  private static final String FLOW_DECISION_CONDITIONS = "SequenceFlow_ApprovalDecisionConditions";
  private static final String FLOW_DECISION_RETURN = "SequenceFlow_ApprovalDecisionReturn";
  private static final String FLOW_DECISION_REJECT = "SequenceFlow_ApprovalDecisionReject";
  private static final String FLOW_DISBURSEMENT_CHECK_REQUIRED = "SequenceFlow_DisbursementCheckRequiredYes";
  private static final String FLOW_CONDITIONS_MET = "SequenceFlow_ConditionsMetYes";

  @Autowired BeanFactory beans;
  @Autowired ProcessingOutcomeRepository outcomes;
  @Autowired LoanAccountService loans;
  @Autowired ApprovalRepository approvals;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  /** An online CREDIT_QUICK of 500,000 (above the AUTO limit): remote verification, then the approver. */
  private String atApproval(TestApplications.Builder request) {
    String applicationId = flow.submitOverApi(request);
    flow.verifyRemotely(applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    return applicationId;
  }

  @Test
  void approverApprovesInTasklistAndTheLoanIsDisbursedAfterTheDisbursementCheck() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(approval).hasCandidateGroup(Groups.CREDIT_APPROVERS);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("经营稳定, 同意"));

    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    flow.signContract(applicationId);
    assertThat(instance).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(flow.task(applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS)).hasCandidateGroup(Groups.DISBURSEMENT_OPS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);

    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());

    assertThat(instance).isEnded().hasPassed(TASK_RECORD_APPROVAL, TASK_DISBURSE_LOAN, END_LOAN_DISBURSED)
        .hasNotPassed(RULE_REPRICE_LOAN, TASK_PROVIDE_INFORMATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_APPROVAL_ROUTE_SINGLE, FLOW_DECISION_APPROVE,
        FLOW_DISBURSEMENT_CHECK_REQUIRED, FLOW_CONDITIONS_MET);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(loans.findByApplication(applicationId)).get().extracting(LoanAccount::principal)
        .satisfies(principal -> assertThat(principal).isEqualByComparingTo("500000.00"));

    Response history = api.get("/api/applications/" + applicationId + "/history", CHANNEL);
    assertThat(history.status()).isEqualTo(200);
    List<JsonNode> entries = StreamSupport.stream(history.json().spliterator(), false).toList();
    assertThat(entries).as("history: %s", history.body())
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(APPROVER);
          assertThat(entry.path("what").asText()).isEqualTo("APPROVED");
          assertThat(entry.path("detail").asText()).contains("500000.00");
        })
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(APPROVER);
          assertThat(entry.path("what").asText()).isEqualTo("TASK 审批贷款申请");
        })
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(DISBURSER);
          assertThat(entry.path("what").asText()).isEqualTo("DISBURSEMENT_CONDITIONS_MET");
        });
  }

  @Test
  void approvingMoreThanRequestedOrBelowTheProductMinimumIsRefusedOverRestWith400AndTheReason() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response refused = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithConditions(new BigDecimal("600000.00"), null, "额度调整"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("批准金额不能高于申请金额");
    Response belowMinimum = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithConditions(new BigDecimal("5000.00"), null, "额度调整"));
    assertThat(belowMinimum.status()).as(belowMinimum.body()).isEqualTo(400);
    assertThat(belowMinimum.body()).contains("批准金额不能低于 10000");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
  }

  @Test
  void approvalWithALowerAmountAndAnExtraGuaranteeIsRepricedAndDisbursesTheApprovedAmount() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    BigDecimal rateAsRequested = outcomes.find(applicationId).orElseThrow().annualRatePercent();

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.approveWithConditions(new BigDecimal("400000.00"), "GUARANTEE", "追加法定代表人个人连带责任保证"));

    assertThat(instance).hasPassed(RULE_REPRICE_LOAN, TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DECISION_CONDITIONS);
    assertThat(pricingDecisionsOf(applicationId)).as("loan-pricing evaluated at pricing and again at re-pricing")
        .isEqualTo(2);
    BigDecimal repriced = outcomes.find(applicationId).orElseThrow().annualRatePercent();
    // loan-pricing: a guarantee costs 0.20 points of spread, pure credit 0.50.
    assertThat(repriced).isEqualByComparingTo(rateAsRequested.subtract(new BigDecimal("0.30")));

    flow.signContract(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    LoanAccount loan = loans.findByApplication(applicationId).orElseThrow();
    assertThat(loan.principal()).isEqualByComparingTo("400000.00");
    assertThat(loan.annualRatePercent()).isEqualByComparingTo(repriced);
  }

  @Test
  void extraGuarantorOnAMortgageLoanAddsToTheMortgageWhichIsStillRegisteredBeforeDisbursement() {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("MORTGAGE_QUICK", "800000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.approveWithConditions(new BigDecimal("600000.00"), "GUARANTEE", "追加法定代表人个人连带责任保证"));

    assertThat(instance).hasPassed(RULE_REPRICE_LOAN).isWaitingAt(WAIT_SIGNATURE);
    ApprovalRepository.Approval approval = approvals.find(applicationId).orElseThrow();
    assertThat(approval.approvedAmount()).isEqualByComparingTo("600000.00");
    assertThat(approval.guaranteeType()).as("the loan's guarantee").isEqualTo("MORTGAGE");
    assertThat(approval.conditions()).contains("追加法定代表人个人连带责任保证");
    flow.signContract(applicationId);
    assertThat(instance).as("the mortgage is registered before the money moves").isWaitingAt(WAIT_MORTGAGE_REGISTRATION);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_MORTGAGE_REGISTRATION);
  }

  @Test
  void approverReturnsForInformationAndGetsTheApplicationBackOnceTheCentreHasAnswered() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.returnForInformation("请补充近6个月主要客户的销售合同"));

    assertThat(instance).isWaitingAt(TASK_PROVIDE_INFORMATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DECISION_RETURN);
    assertThat(flow.task(applicationId, TASK_PROVIDE_INFORMATION)).hasCandidateGroup(Groups.PROCESSING_CENTRE);

    flow.claimAndComplete(CENTRE_PROCESSOR, applicationId, TASK_PROVIDE_INFORMATION,
        TaskForms.informationAnswer("已补充与遵义XX公司、贵阳XX公司的销售合同"));

    assertThat(instance).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_APPROVE_LOAN).count()).as("approval tasks").isEqualTo(2);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("补充材料齐全, 同意"));

    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  @Test
  void approverRejectsWithAReasonThatIsMailedToTheApplicant() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = atApproval(request);
    ProcessInstance instance = flow.instance(applicationId);

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.reject("主营业务收入下滑, 还款来源不足"));

    assertThat(instance).isEnded().hasPassed(TASK_REJECT_APPLICATION, TASK_NOTIFY_REJECTION, END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_RECORD_APPROVAL, TASK_GENERATE_CONTRACT);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_DECISION_REJECT);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement().satisfies(mail -> {
      assertThat(subjectOf(mail)).contains("未获批准");
      assertThat(bodyOf(mail)).contains("主营业务收入下滑, 还款来源不足");
    });
  }

  private long pricingDecisionsOf(String applicationId) {
    String pricingDecision = repositoryService.getBpmnModelInstance(flow.instance(applicationId).getProcessDefinitionId())
        .<BusinessRuleTask>getModelElementById(RULE_REPRICE_LOAN).getCamundaDecisionRef();
    return jdbc.sql("SELECT COUNT(*) FROM application_decision WHERE application_id = :a AND decision_key = :k")
        .param("a", applicationId).param("k", pricingDecision).query(Long.class).single();
  }
}
