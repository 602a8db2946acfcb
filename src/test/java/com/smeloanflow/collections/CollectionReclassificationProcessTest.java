package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.EVENT_REVIEW_DUE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.monitoring.MonitoringQueryService;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.monitoring.ReclassificationApprovalTaskListener;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A collection case follows its loan's approved reclassification when the classification changes its next step: a
 * loan reclassified 可疑 or 损失 has its waiting case reviewed at once, and the strategy table sends it to disposal
 * (提出诉讼或核销建议) then, as it does for a loan that is 可疑 when it is called in, without waiting for the loan's next
 * overdue day or for a running promise to pay. The daily close reviewing the case afterwards proposes no second disposal. A reclassification that
 * leaves the strategy's answer as it was (关注 to 次级 on the ladder's lower rungs) leaves the waiting case alone: no
 * decision recorded, a kept promise followed up at the next close as before. The monitoring view says, with the
 * reclassification, what the case did. Each test works in a business-date era of its own ({@link BusinessDates}), with
 * a loan under post-loan monitoring.
 */
class CollectionReclassificationProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired CollectionCaseService cases;
  @Autowired MonitoringQueryService monitoring;
  @Autowired RepaymentService repayments;

  private LocalDate firstDue;

  /** A loan disbursed in a fresh era (first instalment due a month later), under monitoring, first check done. */
  private MonitoringScenario loanInAnEra() {
    stopClock();
    LocalDate disbursed = BusinessDates.era();
    firstDue = disbursed.plusMonths(1);
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans,
        dailyClose, "ZY001", disbursed).firstCheck("NORMAL");
  }

  /** A post-loan check (on an ordinary signal, remote) concludes 提前收回贷款并移交催收. */
  private void callIn(MonitoringScenario loan) {
    loan.report("remote-verifier", MonitoringScenario.signal("EVT-" + loan.loanId(), "OVERDUE_ELSEWHERE",
        "征信显示他行贷款逾期", "{\"overdueAmount\": 8000.00}"));
    loan.completeCheck("remote-verifier", PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY, "CALL_IN", Map.of());
    runCaseJobs(loan);
  }

  /** zy001-cm proposes the classification, team-lead approves it in Tasklist; then what runs after the approval. */
  private void reclassify(MonitoringScenario loan, Classification classification) {
    Response proposed = api.post("/api/loans/" + loan.loanId() + "/reclassifications", "zy001-cm",
        "{\"classification\": \"" + classification.name() + "\", \"reason\": \"企业停产, 实际控制人失联\"}");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    completeAs("team-lead", loan.task(PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION).getId(),
        Map.of(ReclassificationApprovalTaskListener.DECISION, "APPROVE", ReclassificationApprovalTaskListener.NOTE, "同意"));
    loan.runJobs();
    runCaseJobs(loan);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(classification);
  }

  /**
   * zy001-cm proposes the classification, team-lead approves it; it takes effect in the approval's transaction and its
   * 通知催收复评 waits as a job, not run here.
   *
   * @return the proposal's id and its job's id
   */
  private String[] approvedWithItsJobWaiting(MonitoringScenario loan, Classification classification) {
    Response proposed = api.post("/api/loans/" + loan.loanId() + "/reclassifications", "zy001-cm",
        "{\"classification\": \"" + classification.name() + "\", \"reason\": \"企业停产, 实际控制人失联\"}");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    List<String> waiting = notifyJobs(loan);
    completeAs("team-lead", loan.task(PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION).getId(),
        Map.of(ReclassificationApprovalTaskListener.DECISION, "APPROVE", ReclassificationApprovalTaskListener.NOTE, "同意"));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(classification);
    List<String> jobs = notifyJobs(loan);
    jobs.removeAll(waiting);
    assertThat(jobs).as("通知催收复评 of %s waiting", classification).hasSize(1);
    return new String[] {proposed.json().path("proposalId").asText(), jobs.get(0)};
  }

  private List<String> notifyJobs(MonitoringScenario loan) {
    return new java.util.ArrayList<>(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TASK_NOTIFY_COLLECTIONS).list().stream().map(j -> j.getId()).toList());
  }

  private String collectionsNoteOf(MonitoringScenario loan, String proposalId) {
    return monitoring.view(loan.loanId()).reclassifications().stream().filter(p -> p.proposalId().equals(proposalId))
        .findFirst().orElseThrow().collectionsNote();
  }

  /** The daily close of {@code day}, then the case's jobs. */
  private void closeOn(MonitoringScenario loan, LocalDate day) {
    loan.closeOn(day);
    runCaseJobs(loan);
  }

  private void runCaseJobs(MonitoringScenario loan) {
    caseInstanceIds(loan).forEach(this::executeDueJobs);
  }

  private List<String> caseInstanceIds(MonitoringScenario loan) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).list().stream().map(p -> p.getId()).toList();
  }

  private ProcessInstance caseInstance(MonitoringScenario loan) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult();
    assertThat(instance).as("running collection case of %s", loan.loanId()).isNotNull();
    return instance;
  }

  private List<Task> caseTasks(MonitoringScenario loan) {
    return taskService.createTaskQuery().processInstanceId(caseInstance(loan).getId()).list();
  }

  private long disposalsProposed(MonitoringScenario loan) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(caseInstance(loan).getId())
        .activityId(TASK_PROPOSE_DISPOSAL).count();
  }

  /** The decisions the strategy table recorded for the loan's case (its 催收动作 history), oldest first. */
  private List<String> decisions(MonitoringScenario loan) {
    return jdbc.sql("SELECT a.action FROM collection_action a JOIN collection_case c ON c.case_id = a.case_id "
        + "WHERE c.loan_id = :loanId ORDER BY a.id").param("loanId", loan.loanId()).query(String.class).list();
  }

  /** The case's wait for its next review (复评已到). */
  private EventSubscription reviewWait(MonitoringScenario loan) {
    return runtimeService.createEventSubscriptionQuery().processInstanceId(caseInstance(loan).getId())
        .activityId(EVENT_REVIEW_DUE).singleResult();
  }

  /** What the monitoring view says the collection case did with the latest reclassification. */
  private String collectionsNote(MonitoringScenario loan) {
    return monitoring.view(loan.loanId()).reclassifications().get(0).collectionsNote();
  }

  /** D+3 after the phone call: the case waits for D+15. */
  private MonitoringScenario overdueAfterThePhoneCall(Supplier<Map<String, Object>> callOutcome) {
    MonitoringScenario loan = loanInAnEra();
    closeOn(loan, firstDue);
    closeOn(loan, firstDue.plusDays(2));
    completeAs("remote-verifier", caseTasks(loan).get(0).getId(), callOutcome.get());
    runCaseJobs(loan);
    assertThat(caseInstance(loan)).isWaitingAt(EVENT_REVIEW_DUE);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SPECIAL_MENTION);
    return loan;
  }

  private void assertAtDisposal(MonitoringScenario loan) {
    assertThat(caseTasks(loan)).singleElement().satisfies(task -> {
      assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_PROPOSE_DISPOSAL);
      assertThat(task.getName()).isEqualTo("提出诉讼或核销建议");
      assertThat(task).hasCandidateGroup(Groups.COLLECTIONS);
    });
    CollectionCaseService.CaseFile file = cases.caseFile(loan.loanId());
    assertThat(file.collectionCase().ladderStep()).isEqualTo(CollectionAction.PROPOSE_DISPOSAL.step());
    assertThat(file.actionReason()).isEqualTo("贷款已分类为可疑或损失, 提出诉讼或核销建议");
  }

  @Test
  void aCalledInLoanReclassifiedDoubtfulGoesToDisposalAsSoonAsTheReclassificationIsApproved() {
    MonitoringScenario loan = loanInAnEra();
    callIn(loan);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(caseInstance(loan)).as("called in, not overdue: the case waits").isWaitingAt(EVENT_REVIEW_DUE);
    assertThat(caseTasks(loan)).isEmpty();

    reclassify(loan, Classification.DOUBTFUL);

    assertAtDisposal(loan);

    // The loan's first overdue days: each close asks the case to review, which it does not while it is at disposal.
    closeOn(loan, firstDue);
    closeOn(loan, firstDue.plusDays(1));

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).as("no second disposal").isOne();
  }

  @Test
  void anOverdueCaseWaitingOnALowerRungGoesToDisposalAsSoonAsTheLoanIsReclassifiedLoss() {
    MonitoringScenario loan = loanInAnEra();
    closeOn(loan, firstDue);
    closeOn(loan, firstDue.plusDays(2));
    completeAs("remote-verifier", caseTasks(loan).get(0).getId(), Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    runCaseJobs(loan);
    assertThat(caseInstance(loan)).as("D+3, the phone call done: the case waits for D+15").isWaitingAt(EVENT_REVIEW_DUE);

    reclassify(loan, Classification.LOSS);

    assertAtDisposal(loan);
    assertThat(collectionsNote(loan)).isEqualTo("风险分类调整为损失, 催收案件立即复评: 贷款已分类为可疑或损失, 提出诉讼或核销建议");

    closeOn(loan, firstDue.plusDays(3));

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).as("no second disposal").isOne();
  }

  @Test
  void aCaseWaitingOnARunningPromiseGoesToDisposalAsSoonAsTheLoanIsReclassifiedDoubtful() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "PROMISE_TO_PAY",
        ContactTaskListener.NOTES, "借款人承诺近期还款", ContactTaskListener.PROMISED_AMOUNT, "3000.00",
        ContactTaskListener.PROMISED_DATE, firstDue.plusDays(12).toString()));

    reclassify(loan, Classification.DOUBTFUL);  // the promise runs to D+13 plus its grace days

    assertAtDisposal(loan);
    assertThat(collectionsNote(loan)).isEqualTo("风险分类调整为可疑, 催收案件立即复评: 贷款已分类为可疑或损失, 提出诉讼或核销建议");
    assertThat(cases.caseFile(loan.loanId()).promises()).as("the promise stays on record for the proposal, closed")
        .singleElement().satisfies(promise -> {
          assertThat(promise.status()).isEqualTo(PromiseStatus.SUPERSEDED);
          assertThat(promise.resolvedOn()).as("closed when the case went to disposal").isEqualTo(firstDue.plusDays(2));
          assertThat(promise.receivedAmount()).isEqualByComparingTo("0.00");
        });
    assertThat((String) taskService.getVariableLocal(caseTasks(loan).get(0).getId(), "promisesText"))
        .as("the proposal's form").contains("| 3000.00 | " + ChineseDates.day(firstDue.plusDays(12)) + " |", "| 未到期, 已转入诉讼或核销处置 | 0.00 |")
        .doesNotContain(PromiseStatus.OPEN.label());

    closeOn(loan, firstDue.plusDays(3));
    closeOn(loan, firstDue.plusDays(16));  // past the promised date and its grace days

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).as("no second disposal").isOne();
    assertThat(cases.caseFile(loan.loanId()).promises()).extracting(Promise::status)
        .as("neither running nor broken: the ladder no longer waits on it").containsExactly(PromiseStatus.SUPERSEDED);
  }

  @Test
  void aCaseOnAnOpenRungFinishesItAndGoesToDisposalAtTheNextClose() {
    MonitoringScenario loan = loanInAnEra();
    closeOn(loan, firstDue);
    closeOn(loan, firstDue.plusDays(2));
    String call = caseTasks(loan).get(0).getId();
    assertThat(caseTasks(loan)).extracting(Task::getTaskDefinitionKey).containsExactly(TASK_COLLECT_BY_PHONE);

    reclassify(loan, Classification.DOUBTFUL);

    assertThat(caseTasks(loan)).as("the rung's task is not taken from the caller").extracting(Task::getId)
        .containsExactly(call);
    assertThat(collectionsNote(loan)).isEqualTo("风险分类调整为可疑, 催收案件当前步骤完成后按新分类复评");
    completeAs("remote-verifier", call, Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称企业已停产"));
    runCaseJobs(loan);
    closeOn(loan, firstDue.plusDays(3));

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).isOne();
  }

  @Test
  void aReclassificationThatLeavesTheStrategysAnswerAsItWasLeavesTheWaitingCaseAlone() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    List<String> before = decisions(loan);
    EventSubscription wait = reviewWait(loan);

    reclassify(loan, Classification.SUBSTANDARD);  // 关注 -> 次级: the ladder reads days past due here, not the class

    assertThat(decisions(loan)).as("no review, no decision recorded").isEqualTo(before);
    assertThat(reviewWait(loan).getId()).as("the case waits where it waited").isEqualTo(wait.getId());
    assertThat(managementService.createJobQuery().processInstanceId(caseInstance(loan).getId()).count()).isZero();
    assertThat(caseTasks(loan)).isEmpty();
    assertThat(collectionsNote(loan))
        .isEqualTo("风险分类调整为次级, 催收安排不变 (催收策略: 当前梯度已执行, 等待逾期天数达到下一梯度)");

    closeOn(loan, firstDue.plusDays(14));  // D+15: the field visit, as before the reclassification

    assertThat(caseTasks(loan)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(CollectionProcess.Elements.TASK_VISIT_BORROWER);
  }

  /**
   * The decision history (历史决策) of the strategy table holds the decisions the cases took: a reclassification that
   * sends the case to disposal leaves one row, the case's review, not also the two comparisons that found the next step
   * changes (old and new classification).
   */
  @Test
  void aReclassificationThatReviewsTheCaseLeavesOneStrategyDecisionInTheHistory() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    List<String> decided = decisions(loan);
    long before = strategyDecisionsInHistory();

    reclassify(loan, Classification.LOSS);

    assertAtDisposal(loan);
    assertThat(decisions(loan)).as("the case's decision recorded").hasSize(decided.size() + 1);
    assertThat(strategyDecisionsInHistory() - before).as("the review's decision only").isOne();
  }

  /** A reclassification that changes nothing for the case decides nothing: no decision, no row in the history. */
  @Test
  void aReclassificationThatLeavesTheCaseAloneLeavesNoStrategyDecisionInTheHistory() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    long before = strategyDecisionsInHistory();

    reclassify(loan, Classification.SUBSTANDARD);

    assertThat(caseTasks(loan)).isEmpty();
    assertThat(collectionsNote(loan)).startsWith("风险分类调整为次级, 催收安排不变");
    assertThat(strategyDecisionsInHistory() - before).isZero();
  }

  private long strategyDecisionsInHistory() {
    return historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(CollectionProcess.STRATEGY_DECISION)
        .count();
  }

  @Test
  void aKeptPromiseIsFollowedUpAtTheNextCloseNotAtTheReclassification() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "PROMISE_TO_PAY",
        ContactTaskListener.NOTES, "借款人承诺近期还款", ContactTaskListener.PROMISED_AMOUNT, "3000.00",
        ContactTaskListener.PROMISED_DATE, firstDue.plusDays(12).toString()));
    closeOn(loan, firstDue.plusDays(3));
    moveClockBy(Duration.ofHours(1));  // received after the promise was made
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX" + loan.loanId(), new BigDecimal("3000.00"),
        firstDue.plusDays(4), "core-banking"));  // the promise is kept; the arrears are not cleared
    runCaseJobs(loan);
    List<String> before = decisions(loan);

    reclassify(loan, Classification.SUBSTANDARD);

    assertThat(caseTasks(loan)).as("no follow-up call before the next close").isEmpty();
    assertThat(decisions(loan)).isEqualTo(before);
    assertThat(cases.caseFile(loan.loanId()).promises()).singleElement().extracting(Promise::status)
        .isEqualTo(PromiseStatus.OPEN);
    assertThat(collectionsNote(loan))
        .isEqualTo("风险分类调整为次级, 催收安排不变 (催收策略: 还款承诺已兑现但仍有欠款, 同级电话跟进, 不升级)");

    closeOn(loan, firstDue.plusDays(4));

    assertThat(caseTasks(loan)).extracting(Task::getTaskDefinitionKey).containsExactly(TASK_COLLECT_BY_PHONE);
    assertThat(cases.caseFile(loan.loanId()).actionReason()).isEqualTo("还款承诺已兑现但仍有欠款, 同级电话跟进, 不升级");
  }

  /**
   * Two reclassifications approved and in force before the first one's 通知催收复评 runs: each job notes what the case
   * did on its own proposal. The first (the case reviews at once, the loan being 损失 by then) is kept with 次级, the
   * second (nothing left to change) with 损失; neither is left without a note, nor takes the other's.
   */
  @Test
  void twoReclassificationsApprovedBeforeTheFirstNotifiesCollectionsEachKeepTheirOwnNote() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    String[] substandard = approvedWithItsJobWaiting(loan, Classification.SUBSTANDARD);
    String[] loss = approvedWithItsJobWaiting(loan, Classification.LOSS);

    managementService.executeJob(substandard[1]);
    runCaseJobs(loan);
    managementService.executeJob(loss[1]);
    runCaseJobs(loan);

    assertAtDisposal(loan);
    assertThat(collectionsNoteOf(loan, substandard[0])).as("the first proposal's own job")
        .isEqualTo("风险分类调整为损失, 催收案件立即复评: 贷款已分类为可疑或损失, 提出诉讼或核销建议");
    assertThat(collectionsNoteOf(loan, loss[0])).as("the second proposal's own job").startsWith("风险分类调整为损失, 催收安排不变");
  }

  /**
   * A 通知催收复评 that was waiting before 调整风险分类 passed its proposal on (no such variable in its scope) notes on the
   * loan's latest approved proposal, as it did then.
   */
  @Test
  void aNotificationWaitingWithoutItsProposalNotesOnTheLatestApprovedOne() {
    MonitoringScenario loan = overdueAfterThePhoneCall(() -> Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称资金周转困难"));
    String[] loss = approvedWithItsJobWaiting(loan, Classification.LOSS);
    String execution = managementService.createJobQuery().jobId(loss[1]).singleResult().getExecutionId();
    ProcessVariable.trusted(() -> {
      runtimeService.removeVariableLocal(execution, PostLoanMonitoringProcess.Variables.RECLASSIFICATION_PROPOSAL_ID.name());
      return null;
    });
    assertThat(runtimeService.getVariable(execution, PostLoanMonitoringProcess.Variables.RECLASSIFICATION_PROPOSAL_ID.name()))
        .as("as a job waiting from before").isNull();

    managementService.executeJob(loss[1]);
    runCaseJobs(loan);

    assertAtDisposal(loan);
    assertThat(collectionsNoteOf(loan, loss[0]))
        .isEqualTo("风险分类调整为损失, 催收案件立即复评: 贷款已分类为可疑或损失, 提出诉讼或核销建议");
  }
}
