package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Elements.EVENT_REVIEW_DUE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_COLLECT_BY_PHONE;
import static com.smeloanflow.process.CollectionProcess.Elements.TASK_PROPOSE_DISPOSAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.monitoring.ReclassificationApprovalTaskListener;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A collection case follows its loan's approved reclassification: a loan reclassified 可疑 or 损失 has its waiting
 * case reviewed at once, and the strategy table sends it to disposal (提出诉讼或核销建议) then, as it does for a loan
 * that is 可疑 when it is called in, without waiting for the loan's next overdue day. The daily close reviewing the
 * case afterwards proposes no second disposal. Each test works in a business-date era of its own
 * ({@link BusinessDates}), with a loan under post-loan monitoring.
 */
class CollectionReclassificationProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired CollectionCaseService cases;

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

    closeOn(loan, firstDue.plusDays(3));

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).as("no second disposal").isOne();
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
    completeAs("remote-verifier", call, Map.of(ContactTaskListener.OUTCOME, "REACHED",
        ContactTaskListener.NOTES, "借款人称企业已停产"));
    runCaseJobs(loan);
    closeOn(loan, firstDue.plusDays(3));

    assertAtDisposal(loan);
    assertThat(disposalsProposed(loan)).isOne();
  }
}
