package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_PERIODIC_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * post-loan-monitoring: started by the disbursement, the first check within 30 days, then periodic
 * checks every quarter while the loan is 正常 and every month while it is on the watch list.
 */
class PostLoanMonitoringProcessTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired ApplicationChecks checks;
  @Autowired MonitoringQueryService monitoring;
  @Autowired BusinessClock clock;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    stopClock();
  }

  private MonitoringScenario loanUnderMonitoring() {
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        "ZY001", clock.today());
  }

  private Date timerDue(ProcessInstance instance) {
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(TIMER_PERIODIC_CHECK_DUE).singleResult();
    assertThat(timer).as("periodic check timer").isNotNull();
    return timer.getDuedate();
  }

  private Date startOf(LocalDate day) {
    return MonitoringPolicy.startOf(day);
  }

  @Test
  void aDisbursedLoanIsCheckedRemotelyWithinThirtyDaysThenEveryQuarterWhileNormal() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    flow.signContract(applicationId);
    String loanId = loans.findByApplication(applicationId).orElseThrow().loanId();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostLoanMonitoringProcess.KEY).processInstanceBusinessKey(loanId).singleResult();
    assertThat(instance).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
    Task first = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(first).hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat(first.getDueDate()).as("due within 30 days of disbursement").isNotNull();
    assertThat(taskService.getVariableLocal(first.getId(), "principal")).isEqualTo("100000.00");
    assertThat(taskService.getVariableLocal(first.getId(), "loanNumber")).isEqualTo(loanId);

    completeAs("remote-verifier", first.getId(), Map.of("fundsUsedAsAgreed", true, "businessNormal", true,
        "firstCheckResult", "NORMAL", "firstCheckNotes", "电话回访: 资金用于采购原材料, 经营正常"));

    assertThat(instance).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    LocalDate today = clock.today();
    assertThat(timerDue(instance)).as("a quarter after the first check").isEqualTo(startOf(today.plusMonths(3)));
    assertThat(checks.of(applicationId)).anySatisfy(c -> {
      assertThat(c.checkType()).isEqualTo(CheckType.POST_LOAN_FIRST_CHECK);
      assertThat(c.outcome()).isEqualTo("NORMAL");
      assertThat(c.performedBy()).isEqualTo("remote-verifier");
    });
    MonitoringView view = monitoring.view(loanId);
    assertThat(view.rhythm()).isEqualTo("QUARTERLY");
    assertThat(view.nextCheckDue()).isEqualTo(today.plusMonths(3));
    assertThat(view.checks()).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(CheckKind.FIRST);
      assertThat(c.outcome()).isEqualTo(CheckOutcome.NORMAL);
      assertThat(c.checkedBy()).isEqualTo("remote-verifier");
    });

    moveClockBy(Duration.ofDays(93));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(CALL_PERIODIC_CHECK);
    ProcessInstance periodic = runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).singleResult();
    assertThat(periodic).isWaitingAt(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY);
    Task remote = taskService.createTaskQuery().processInstanceId(periodic.getId()).singleResult();
    assertThat(remote).hasCandidateGroup(Groups.REMOTE_BANKING);
    assertThat(taskService.getVariableLocal(remote.getId(), "checkKindName")).isEqualTo("定期检查");
    completeAs("remote-verifier", remote.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
        PostLoanCheckTaskListener.FINDINGS, "季度回访: 经营正常, 按期还款", "borrowerReached", true));

    assertThat(periodic).isEnded().hasPassed(PostLoanCheckProcess.Elements.END_CHECK_COMPLETED);
    assertThat(instance).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(timerDue(instance)).as("the next quarter").isEqualTo(startOf(clock.today().plusMonths(3)));
  }

  @Test
  void firstCheckNeedsAConclusionAndNotes() {
    MonitoringScenario loan = loanUnderMonitoring();
    Task check = loan.task(TASK_FIRST_POST_LOAN_CHECK);

    assertThatThrownBy(() -> completeAs("remote-verifier", check.getId(), Map.of("firstCheckResult", "NORMAL")))
        .hasMessageContaining("检查情况");
    assertThat(loan.monitoring()).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
  }

  @Test
  void aWatchFindingPutsTheLoanOnTheWatchListWithMonthlyChecksAndANormalOneTakesItOff() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("WATCH");

    MonitoringView watched = monitoring.view(loan.loanId());
    assertThat(watched.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(watched.watchListed()).isTrue();
    assertThat(watched.rhythm()).isEqualTo("MONTHLY");
    assertThat(timerDue(loan.monitoring())).as("a month after the check").isEqualTo(startOf(clock.today().plusMonths(1)));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).as("servicing's classification")
        .isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(watched.classificationHistory()).singleElement().satisfies(change -> {
      assertThat(change.cause()).isEqualTo("FIRST_CHECK");
      assertThat(change.previous()).isEqualTo(Classification.NORMAL);
      assertThat(change.matchedRules()).contains("Rule_CheckFoundWatch");
      assertThat(change.requestedBy()).isEqualTo("remote-verifier");
      assertThat(change.decidedBy()).isEqualTo("risk-classification");
      assertThat(change.inputs()).containsEntry("checkFinding", "WATCH").containsEntry("dpdFloor", "NORMAL");
    });

    moveClockBy(Duration.ofDays(32));
    loan.runJobs();
    loan.completeCheck("remote-verifier", PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY, "NORMAL", Map.of());

    MonitoringView normal = monitoring.view(loan.loanId());
    assertThat(normal.classification()).isEqualTo(Classification.NORMAL);
    assertThat(normal.rhythm()).isEqualTo("QUARTERLY");
    assertThat(timerDue(loan.monitoring())).as("a quarter after the check").isEqualTo(startOf(clock.today().plusMonths(3)));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.NORMAL);
  }
}
