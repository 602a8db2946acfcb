package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.disbursement.ContractService;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

  @Autowired BeanFactory beans;
  @Autowired ProcessingOutcomes outcomes;
  @Autowired LoanAccountService loans;
  @Autowired ApprovalDecisions approvals;
  @Autowired ContractService contracts;
  @Autowired BusinessClock clock;

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

    assertThat(instance).isEnded().hasPassed(TASK_RECORD_APPROVAL, TASK_DISBURSE_LOAN, TASK_OPEN_LOAN_ACCOUNT, END_LOAN_DISBURSED)
        .hasNotPassed(RULE_REPRICE_LOAN, TASK_PROVIDE_INFORMATION, WAIT_GUARANTEE_SIGNATURES);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_ROUTE_SINGLE, APPROVAL_DECISION_APPROVE,
        DISBURSEMENT_CHECK_REQUIRED_YES, DISBURSEMENT_CONDITIONS_MET);
    ApprovalDecisions.Approval approved = approvals.find(applicationId).orElseThrow();
    assertThat(approved.authority()).isEqualTo(ApprovalAuthority.APPROVER);
    assertThat(approved.decidedBy()).isEqualTo(APPROVER);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(loans.findByApplication(applicationId)).get().extracting(LoanAccount::principal)
        .satisfies(principal -> assertThat(principal).isEqualByComparingTo("500000.00"));

    List<JsonNode> entries = historyAs(CENTRE_PROCESSOR, applicationId);
    assertThat(entries).as("history as staff read it: %s", entries)
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(APPROVER);
          assertThat(entry.path("what").asText()).isEqualTo("APPROVED");
          assertThat(entry.path("detail").asText()).contains("500000.00");
        })
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(APPROVER);
          assertThat(entry.path("what").asText()).isEqualTo("TASK 审批贷款申请");
          assertThat(entry.path("detail").asText()).as("when it was done, as staff read a date")
              .matches("完成于\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}");
        })
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo(DISBURSER);
          assertThat(entry.path("what").asText()).isEqualTo("DISBURSEMENT_CONDITIONS_MET");
        });
    List<JsonNode> told = historyAs(CHANNEL, applicationId);
    assertThat(told).as("the channel's history: what the applicant is shown, in time order")
        .extracting(entry -> entry.path("what").asText() + " " + entry.path("label").asText())
        .containsExactly("SUBMITTED 申请已提交", "STATUS_IN_PROCESSING 集中处理中", "STATUS_AWAITING_VERIFICATION 待远程核实",
            "STATUS_AWAITING_APPROVAL 待审批", "STATUS_APPROVED 已批准", "STATUS_AWAITING_SIGNATURE 待签署合同",
            "CONTRACT_SIGNED 借款合同已签署", "STATUS_AWAITING_DISBURSEMENT 待放款", "STATUS_DISBURSED 已放款");
    assertThat(told.toString()).as("no staff, no notes, no tasks")
        .doesNotContain(APPROVER, DISBURSER, "remote-verifier", "经营稳定, 同意", "TASK", "actor", "detail");
  }

  @Test
  void approvingMoreThanRequestedOrBelowTheProductMinimumIsRefusedOverRestWith400AndTheReason() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response refused = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithLowerAmount(new BigDecimal("600000.00"), "额度调整"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("批准金额不能高于申请金额");
    Response belowMinimum = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithLowerAmount(new BigDecimal("5000.00"), "额度调整"));
    assertThat(belowMinimum.status()).as(belowMinimum.body()).isEqualTo(400);
    assertThat(belowMinimum.body()).contains("批准金额不能低于 10000");
    Response conditionsWithoutAnything = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.form("approvalDecision", "APPROVE_WITH_CONDITIONS", "approvalConditions", "按季付息"));
    assertThat(conditionsWithoutAnything.status()).isEqualTo(400);
    assertThat(conditionsWithoutAnything.body()).contains("附条件批准须降低金额或追加保证人");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
  }

  /**
   * 附条件批准 lowers the amount and/or adds a guarantor: the 500,000 applied for entered as the amount, with a condition
   * but no guarantor, lowers nothing and is refused as an empty amount is (400, the task stays open, nothing approved);
   * 499,000 is approved.
   */
  @Test
  void approvingWithConditionsAtTheAmountAppliedForWithoutAGuarantorIsRefused() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response refused = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithLowerAmount(new BigDecimal("500000.00"), "按季付息"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("附条件批准须降低金额或追加保证人");
    assertThat(approvals.find(applicationId)).isEmpty();
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);

    assertThat(flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.approveWithLowerAmount(new BigDecimal("499000.00"), "按季付息")).status()).isEqualTo(204);
    assertThat(approvals.find(applicationId).orElseThrow().approvedAmount()).isEqualByComparingTo("499000.00");
  }

  @Test
  void guarantorAddedToACreditLoanMakesItAGuaranteedLoanRepricedAndSignedByTheGuarantorBeforeDisbursement() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    BigDecimal rateAsRequested = outcomes.find(applicationId).orElseThrow().annualRatePercent();
    String guarantorId = flow.cleanPerson(TestApplications.uniqueIdNumber(9001));

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approveWithGuarantor(new BigDecimal("400000.00"),
        "PERSON", "李强", guarantorId, "SHAREHOLDER", "追加股东李强个人连带责任保证"));

    assertThat(instance).hasPassed(RULE_REPRICE_LOAN, TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_DECISION_CONDITIONS);
    assertThat(pricingDecisionsOf(applicationId)).as("loan-pricing evaluated at pricing and again at re-pricing").isEqualTo(2);
    ApprovalDecisions.Approval approval = approvals.find(applicationId).orElseThrow();
    assertThat(approval.guaranteeType()).as("a named guarantor, never CREDIT").isEqualTo(GuaranteeType.GUARANTEE);
    assertThat(approval.extraGuarantor().partyId()).isEqualTo(guarantorId);
    // loan-pricing: a guarantee costs 0.20 points of spread, pure credit 0.50.
    assertThat(approval.annualRatePercent()).isEqualByComparingTo(rateAsRequested.subtract(new BigDecimal("0.30")));
    assertThat(contracts.guarantees(applicationId)).singleElement()
        .satisfies(guarantee -> assertThat(guarantee.guarantorId()).isEqualTo(guarantorId));

    flow.signContract(applicationId);
    assertThat(instance).as("the guarantor has not signed yet").isWaitingAt(WAIT_GUARANTEE_SIGNATURES);
    flow.signGuarantees(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS, TaskForms.disbursementConditionsMet());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    LoanAccount loan = loans.findByApplication(applicationId).orElseThrow();
    assertThat(loan.principal()).isEqualByComparingTo("400000.00");
    assertThat(loan.annualRatePercent()).isEqualByComparingTo(approval.annualRatePercent());
  }

  @Test
  void guarantorOnTheDishonestDebtorListOrWithABadCheckDigitCannotBeAddedAsACondition() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);
    String dishonest = flow.dishonestPerson(TestApplications.uniqueIdNumber(9002));

    Response refused = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(null, "PERSON", "王五",
        dishonest, "OTHER", "追加保证"));
    String badDigit = dishonest.substring(0, 17) + (dishonest.charAt(17) == '1' ? "2" : "1");
    Response badId = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(null, "PERSON", "王五",
        badDigit, "OTHER", "追加保证"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("追加的保证人不符合要求").contains("失信被执行人");
    assertThat(badId.status()).as(badId.body()).isEqualTo(400);
    assertThat(badId.body()).contains("校验位错误");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(approvals.find(applicationId)).isEmpty();
  }

  /**
   * A guarantee given by a person without full civil capacity (民法典 art. 17/18) is not enforceable: the approver may not
   * add a minor as guarantor, as intake refuses one; the task stays open, and from the 18th birthday on they are taken.
   */
  @Test
  void guarantorUnder18CannotBeAddedAsAConditionAndTheTaskStaysOpenUntilAnAdultIsNamed() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);
    String minor = flow.cleanPerson(idNumberBornOn(clock.today().minusYears(18).plusDays(1))); // turns 18 tomorrow
    String adult = flow.cleanPerson(idNumberBornOn(clock.today().minusYears(18))); // turns 18 today

    Response refused = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(null, "PERSON", "李小强",
        minor, "SHAREHOLDER", "追加股东个人连带责任保证"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("追加保证人未满18周岁, 不具有完全民事行为能力").contains(ApprovalForm.GUARANTOR_ID);
    String noSuchDay = "52030219801332437"; // a valid check digit, no 32 January
    Response noBirthDate = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(null, "PERSON",
        "李小强", noSuchDay + ResidentIdNumber.checkDigit(noSuchDay), "SHAREHOLDER", "追加股东个人连带责任保证"));
    assertThat(noBirthDate.status()).as(noBirthDate.body()).isEqualTo(400);
    assertThat(noBirthDate.body()).contains("追加保证人身份证号码中的出生日期无效");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(approvals.find(applicationId)).isEmpty();

    Response taken = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(null, "PERSON", "李小强",
        adult, "SHAREHOLDER", "追加股东个人连带责任保证"));

    assertThat(taken.status()).as(taken.body()).isEqualTo(204);
    assertThat(flow.instance(applicationId)).hasPassed(TASK_APPROVE_LOAN);
    assertThat(approvals.find(applicationId)).hasValueSatisfying(a -> assertThat(a.extraGuarantor().partyId()).isEqualTo(adult));
  }

  /** A valid resident ID number (GB 11643) of a person born on {@code birthDate}. */
  private static String idNumberBornOn(LocalDate birthDate) {
    String first17 = "520302" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "437";
    return first17 + ResidentIdNumber.checkDigit(first17);
  }

  @Test
  void mortgageLoanIsCappedByTheCollateralsLoanToValueAndAGuarantorAddsToTheMortgage() {
    // 2,400,000 industrial property × 50 % (collateral-ltv) = 1,200,000 that may be lent on it.
    String applicationId = flow.submitOverApi(flow.strongAtBranch("MORTGAGE_QUICK", "1500000.00")
        .annualRevenue("31000000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    assertThat(instance).hasPassed(RULE_DECIDE_COLLATERAL_LIMIT).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(outcomes.find(applicationId).orElseThrow().collateralCap()).isEqualByComparingTo("1200000.00");
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response aboveCap = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approve("同意"));
    assertThat(aboveCap.status()).as(aboveCap.body()).isEqualTo(400);
    assertThat(aboveCap.body()).contains("批准金额超过抵押物可贷上限 1200000.00");

    String guarantorId = flow.cleanPerson(TestApplications.uniqueIdNumber(9003));
    assertThat(flow.completeOverRest(APPROVER, approval.getId(), TaskForms.approveWithGuarantor(new BigDecimal("1200000.00"),
        "PERSON", "张明", guarantorId, "LEGAL_REPRESENTATIVE", "追加法定代表人个人连带责任保证")).status()).isEqualTo(204);
    flow.executeDueJobs(applicationId);

    assertThat(instance).hasPassed(RULE_REPRICE_LOAN).isWaitingAt(WAIT_SIGNATURE);
    ApprovalDecisions.Approval approved = approvals.find(applicationId).orElseThrow();
    assertThat(approved.approvedAmount()).isEqualByComparingTo("1200000.00");
    assertThat(approved.guaranteeType()).as("the loan's guarantee").isEqualTo(GuaranteeType.MORTGAGE);
    flow.signContract(applicationId);
    flow.signGuarantees(applicationId);
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
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_DECISION_RETURN);
    Task answer = flow.task(applicationId, TASK_PROVIDE_INFORMATION);
    assertThat(answer).hasCandidateGroup(Groups.PROCESSING_CENTRE);
    assertThat((String) taskService.getVariableLocal(answer.getId(), "returnQuestionText")).contains("请补充近6个月主要客户的销售合同");

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

  /**
   * What was approved (approvalText) is on the disbursement check's task alone, the question of a return
   * (returnQuestionText) on the task that answers it alone: the verification, the approval tasks and the other carry
   * neither.
   */
  @Test
  void theApprovalAndTheReturnQuestionAreOnlyOnTheTasksWhoseFormsShowThem() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.returnForInformation("请补充近6个月的纳税申报表"));
    Task answer = flow.task(applicationId, TASK_PROVIDE_INFORMATION);
    assertThat(taskService.getVariablesLocal(answer.getId())).as("the task answering the return")
        .containsKey("returnQuestionText").doesNotContainKey("approvalText");
    flow.claimAndComplete(CENTRE_PROCESSOR, applicationId, TASK_PROVIDE_INFORMATION, TaskForms.informationAnswer("已补充"));
    Task approvalAgain = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(taskService.getVariablesLocal(approvalAgain.getId())).as("the approver's task")
        .doesNotContainKeys("approvalText", "returnQuestionText").containsKey("verificationHistoryText");
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    flow.signContract(applicationId);

    Task check = flow.task(applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(taskService.getVariablesLocal(check.getId())).as("the disbursement check's task")
        .containsKey("approvalText").doesNotContainKey("returnQuestionText");
    assertThat((String) taskService.getVariableLocal(check.getId(), "approvalText")).contains("批准金额 500000.00 元")
        .contains("审批人 " + APPROVER);
    for (var shownOn : java.util.Map.of("approvalText", check.getId(), "returnQuestionText", answer.getId()).entrySet()) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
          .variableName(shownOn.getKey()).list()).as("tasks of the application that carried %s", shownOn.getKey())
          .extracting(org.camunda.bpm.engine.history.HistoricVariableInstance::getTaskId).containsExactly(shownOn.getValue());
    }
  }

  @Test
  void aQuestionLongerThanTheFormAllowsIsRefusedOverRestWith400AndTheTaskStaysOpenWithNothingRecorded() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response refused = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.returnForInformation("问".repeat(501)));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).as("the form's label and limit (approve-loan.form)")
        .startsWith("需补充的问题最多 500 字, 填写了 501 字 (").endsWith("returnQuestion has 501 of at most 500 characters)");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult()).as("the task is still open").isNotNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_check WHERE application_id = ? AND outcome = 'RETURN'")
        .param(applicationId).query(Long.class).single()).as("no return recorded").isZero();
    assertThat(historyAs(CENTRE_PROCESSOR, applicationId)).as("no return in the history")
        .noneSatisfy(entry -> assertThat(entry.path("what").asText()).isEqualTo("APPROVAL_RETURNED"));

    Response accepted = flow.completeOverRest(APPROVER, approval.getId(), TaskForms.returnForInformation("问".repeat(500)));

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    executeDueJobs(flow.instance(applicationId).getId());
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_PROVIDE_INFORMATION);
  }

  /**
   * 500 characters and 3,600 full-width spaces: 500 as the form counts (without the whitespace at the ends), 4,100 as
   * the engine stores the variable, in a column of 4,000. Before, the completion failed on that column (500).
   */
  @Test
  void aQuestionTooLongToStoreIsRefusedOverRestWith400AndTheTaskStaysOpenWithNothingRecorded() {
    String applicationId = atApproval(flow.strongOnlineCreditQuick("500000.00"));
    Task approval = flow.task(applicationId, TASK_APPROVE_LOAN);
    assertThat(flow.claimOverRest(APPROVER, approval.getId()).status()).isEqualTo(204);

    Response refused = flow.completeOverRest(APPROVER, approval.getId(),
        TaskForms.returnForInformation("问".repeat(500) + "\u3000".repeat(3600)));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).as("the form's label, the length as stored and the column's limit")
        .startsWith("需补充的问题共 4100 字 (含首尾空白), 超过系统可保存的 4000 字 (")
        .contains("returnQuestion has 4100 characters, whitespace at the ends included, more than the 4000 the engine stores");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_APPROVE_LOAN);
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult()).as("the task is still open").isNotNull();
    assertThat(runtimeService.getVariable(flow.instance(applicationId).getId(), ApprovalForm.RETURN_QUESTION))
        .as("no question stored").isNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_check WHERE application_id = ? AND outcome = 'RETURN'")
        .param(applicationId).query(Long.class).single()).as("no return recorded").isZero();
  }

  @Test
  void approverRejectsAndTheApplicantIsToldTheCatalogueReasonWhileStaffKeepTheInternalOne() {
    TestApplications.Builder request = flow.strongOnlineCreditQuick("500000.00");
    String applicationId = atApproval(request);
    ProcessInstance instance = flow.instance(applicationId);
    String internal = "主营业务收入下滑, 还款来源不足";

    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN,
        TaskForms.reject(internal, CustomerReason.OVERALL_ASSESSMENT.name()));

    assertThat(instance).isEnded().hasPassed(END_APPROVAL_DECLINED, BOUNDARY_APPROVAL_DECLINED, TASK_NOTIFY_REJECTION,
            END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_RECORD_APPROVAL, TASK_GENERATE_CONTRACT);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_DECISION_REJECT);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement().satisfies(mail -> {
      assertThat(subjectOf(mail)).contains("未获批准");
      assertThat(bodyOf(mail)).contains(CustomerReason.OVERALL_ASSESSMENT.text()).doesNotContain(internal);
    });
    assertThat(flow.bean(com.smeloanflow.casefile.DeclineService.class).find(applicationId).orElseThrow().internalReason())
        .contains(internal);
  }

  private long pricingDecisionsOf(String applicationId) {
    String pricingDecision = repositoryService.getBpmnModelInstance(flow.instance(applicationId).getProcessDefinitionId())
        .<BusinessRuleTask>getModelElementById(RULE_REPRICE_LOAN).getCamundaDecisionRef();
    return jdbc.sql("SELECT COUNT(*) FROM application_decision WHERE application_id = :a AND decision_key = :k")
        .param("a", applicationId).param("k", pricingDecision).query(Long.class).single();
  }
}
