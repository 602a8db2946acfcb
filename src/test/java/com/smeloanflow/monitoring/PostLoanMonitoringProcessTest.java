package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_PERIODIC_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_SIGNAL_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.EVENT_SIGNAL_CHECKS_DONE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_SCHEDULE_NEXT_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Incident;
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
  @Autowired PostLoanCheckService checkService;
  @Autowired CheckRepository checkRows;
  @Autowired BusinessClock clock;
  @Autowired TakenSequenceFlows flows;

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
    assertThat(instance).as("scheduled in a transaction of its own").isWaitingAt(TASK_SCHEDULE_NEXT_CHECK);
    executeDueJobs(instance.getId());

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
    executeDueJobs(instance.getId());
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

  /**
   * The remote banking centre could not confirm that the funds were used as agreed: the conclusion 正常 is refused in
   * Chinese and the task stays open; 关注 is taken and puts the loan on the watch list. Before, 正常 was recorded with
   * the unconfirmed item left out of the checklist, and the loan stayed 正常.
   */
  @Test
  void aFirstCheckThatCouldNotConfirmTheUseOfTheFundsCannotConcludeNormal() {
    MonitoringScenario loan = loanUnderMonitoring();
    Task check = loan.task(TASK_FIRST_POST_LOAN_CHECK);

    assertThatThrownBy(() -> completeAs("remote-verifier", check.getId(), Map.of("fundsUsedAsAgreed", false,
        "businessNormal", true, "firstCheckResult", "NORMAL", "firstCheckNotes", "电话回访: 部分资金用于购买理财产品")))
        .hasMessageContaining("未确认资金按约定用途使用时检查结论不能为正常: 请选择关注, 或核实后勾选");
    assertThat(loan.monitoring()).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
    assertThat(monitoring.view(loan.loanId()).checks()).as("nothing recorded").isEmpty();

    completeAs("remote-verifier", check.getId(), Map.of("fundsUsedAsAgreed", false, "businessNormal", true,
        "firstCheckResult", "WATCH", "firstCheckNotes", "电话回访: 部分资金用于购买理财产品"));
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.SPECIAL_MENTION);
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

  @Test
  void aLoanFoundOffTheBooksWhileMonitoringStillRunsIsAnIncidentForOperatorsNotAQuietEnd() {
    MonitoringScenario loan = loanUnderMonitoring();
    ProcessInstance instance = loan.monitoring();
    // an inconsistency: the ledger has the loan settled, but LoanClosed never reached its monitoring
    jdbc.sql("UPDATE loan_account SET status = 'SETTLED' WHERE loan_id = :loanId").param("loanId", loan.loanId()).update();
    completeAs("remote-verifier", loan.task(TASK_FIRST_POST_LOAN_CHECK).getId(), Map.of("fundsUsedAsAgreed", true,
        "businessNormal", true, "firstCheckResult", "NORMAL", "firstCheckNotes", "电话回访: 资金用于采购原材料"));
    assertThat(instance).as("monitoring does not end quietly").isNotEnded();

    for (int attempt = 0; attempt < 10 && schedulingJob(instance).getRetries() > 0; attempt++) {
      String jobId = schedulingJob(instance).getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(loan.loanId());
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).as("an incident operators see in Cockpit").isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(TASK_SCHEDULE_NEXT_CHECK);
    assertThat(incident.getIncidentMessage()).contains("Loan " + loan.loanId() + " is off the books (SETTLED)")
        .contains("LoanClosed");
    assertThat(instance).as("monitoring did not end quietly").isNotEnded().isWaitingAt(TASK_SCHEDULE_NEXT_CHECK);
    assertThat(monitoring.view(loan.loanId()).status()).isEqualTo(MonitoredLoan.MONITORING);

    // the ledger is put right; the operator retries the job in Cockpit
    jdbc.sql("UPDATE loan_account SET status = 'ACTIVE' WHERE loan_id = :loanId").param("loanId", loan.loanId()).update();
    managementService.setJobRetries(schedulingJob(instance).getId(), 1);
    managementService.executeJob(schedulingJob(instance).getId());

    assertThat(instance).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aSeriousSignalMoreThanAMonthAfterTheLastCheckOpensOnlyItsOnSiteCheckAndTheNextPeriodicCheckFollowsItsCompletion() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(40)); // the watch list's monthly check would be due 10 days ago

    Response answer = loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN",
        "结算账户被冻结", null));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(monitoring.view(loan.loanId()).watchListed()).as("the serious signal puts the loan on the watch list").isTrue();
    assertThat(loan.openTasks()).as("one check of the loan: the signal's, on site; no periodic check beside it")
        .singleElement().satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_ON_SITE));
    assertThat(loan.monitoring()).isWaitingAt(CALL_SIGNAL_CHECK, EVENT_SIGNAL_CHECKS_DONE);
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);

    moveClockBy(Duration.ofDays(3));
    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    LocalDate checked = clock.today();
    assertThat(loan.openTasks()).isEmpty();
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.SIGNAL_CHECK_OPEN_YES,
        PostLoanMonitoringProcess.Flows.SIGNAL_CHECKS_DONE);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.rhythm()).as("checked and found normal").isEqualTo("QUARTERLY");
    assertThat(view.nextCheckDue()).as("a quarter after the signal's check, which counted as the period's")
        .isEqualTo(checked.plusMonths(3));
    assertThat(timerDue(loan.monitoring())).isEqualTo(startOf(checked.plusMonths(3)));
    assertThat(view.checks()).extracting(c -> c.kind()).containsExactlyInAnyOrder(CheckKind.FIRST, CheckKind.SIGNAL);
  }

  @Test
  void aPeriodicCheckFallingDueWhileSignalsAreCheckedWaitsForTheLastOfTheirChecks() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(80));
    String newsCheck = loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠货款", null)).json().path("checkId").asText();

    moveClockBy(Duration.ofDays(15)); // the quarter is over while the signal's check is open
    loan.runJobs();
    String courtCheck = loan.report("remote-verifier", MonitoringScenario.signal("RB-COURT-" + loan.loanId(),
        "COURT_ENFORCEMENT", "新增被执行案件", "{\"openEnforcementCases\": 1}")).json().path("checkId").asText();

    assertThat(loan.openTasks()).as("the two signals' checks, no periodic check").hasSize(2)
        .allSatisfy(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_REMOTELY));
    assertThat(loan.monitoring()).isWaitingAt(EVENT_SIGNAL_CHECKS_DONE);

    completeRemoteCheck(loan, newsCheck);
    assertThat(loan.monitoring()).as("the other signal's check is still open").isWaitingAt(EVENT_SIGNAL_CHECKS_DONE);
    assertThat(loan.openTasks()).hasSize(1);

    moveClockBy(Duration.ofDays(2));
    completeRemoteCheck(loan, courtCheck);

    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(timerDue(loan.monitoring())).as("a quarter after the last signal's check")
        .isEqualTo(startOf(clock.today().plusMonths(3)));
    assertThat(loan.openTasks()).isEmpty();
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);
  }

  @Test
  void aSeriousSignalWhileAPeriodicCheckIsOpenTakesItOverAndTheNextPeriodicCheckFollowsTheSignalsCheck() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);
    String periodicCheck = onlyCheck(loan, CheckKind.PERIODIC).checkId();
    String periodicInstance = loan.checkInstance(periodicCheck).getId();

    String signalCheck = loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN",
        "结算账户被冻结", null)).json().path("checkId").asText();

    assertThat(loan.openTasks()).as("one check of the loan: the signal's, on site; the periodic check's task is gone")
        .singleElement().satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_ON_SITE));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(periodicInstance).count())
        .as("the periodic post-loan-check ended").isZero();
    assertThat(loan.monitoring()).isWaitingAt(CALL_SIGNAL_CHECK, EVENT_SIGNAL_CHECKS_DONE);
    MonitoringView.CheckView superseded = onlyCheck(loan, CheckKind.PERIODIC);
    assertThat(superseded.checkId()).isEqualTo(periodicCheck);
    assertThat(superseded.status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(superseded.cancelReason()).isEqualTo("由预警信号核查代替 (" + signalCheck + ")");
    assertThat(superseded.cancelledBy()).as("who reported the signal").isEqualTo("core-banking");
    assertThat(superseded.cancelledAt()).isEqualTo(clock.now());
    // a periodic checker whose submission was already on its way when the take-over committed is told why
    assertThatThrownBy(() -> checkService.complete(new CompleteCheck(periodicCheck, CheckOutcome.NORMAL, "经营正常", List.of(),
        null, null, "remote-verifier")))
        .isInstanceOf(StateConflictException.class)
        .hasMessageContaining("贷后检查 " + periodicCheck + " 已撤销 (由预警信号核查代替 (" + signalCheck + ")), 无需再登记检查结论")
        .hasMessageNotContaining("贷后监控已结束");

    moveClockBy(Duration.ofDays(3));
    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    LocalDate checked = clock.today();
    assertThat(loan.openTasks()).isEmpty();
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.PERIODIC_CHECK_SUPERSEDED,
        PostLoanMonitoringProcess.Flows.SIGNAL_CHECKS_DONE);
    assertThat(timerDue(loan.monitoring())).as("a quarter after the signal's check, which counted as the period's")
        .isEqualTo(startOf(checked.plusMonths(3)));
    assertThat(monitoring.view(loan.loanId()).nextCheckDue()).isEqualTo(checked.plusMonths(3));
    assertThat(monitoring.view(loan.loanId()).checks()).extracting(MonitoringView.CheckView::kind, MonitoringView.CheckView::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(CheckKind.FIRST, PostLoanCheck.DONE),
            org.assertj.core.groups.Tuple.tuple(CheckKind.PERIODIC, PostLoanCheck.CANCELLED),
            org.assertj.core.groups.Tuple.tuple(CheckKind.SIGNAL, PostLoanCheck.DONE));
  }

  /**
   * An operator cancels the instance of a periodic check (Cockpit's cancel, custom listeners skipped). Before, its row
   * stayed OPEN for good (the monitoring view showed a check nobody was asked to do) and monitoring, whose call activity
   * the engine cancelled with it, ended with it: no next periodic check was ever scheduled for a loan still on the books.
   * Now the check is recorded cancelled with who and why, and monitoring goes on: a periodic check still due opens again.
   */
  @Test
  void aPeriodicCheckWhoseInstanceAnOperatorCancelsIsRecordedCancelledAndTheLoanKeepsItsPeriodicChecks() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    String periodicCheck = onlyCheck(loan, CheckKind.PERIODIC).checkId();

    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      runtimeService.deleteProcessInstance(loan.checkInstance(periodicCheck).getId(), "误操作", true);
    } finally {
      identityService.clearAuthentication();
    }
    loan.runJobs();

    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.checks()).filteredOn(c -> c.checkId().equals(periodicCheck)).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(PostLoanCheck.CANCELLED);
      assertThat(c.cancelledBy()).isEqualTo("admin");
      assertThat(c.cancelReason()).isEqualTo("核查流程已由运维人员 admin 终止 (误操作)");
    });
    assertThat(checkRows.find(periodicCheck).orElseThrow().withdrawal()).isEqualTo(PostLoanCheck.Withdrawal.PROCESS_CANCELLED);
    assertThat(loan.monitoring()).as("monitoring goes on").isNotEnded();
    assertThat(view.status()).isEqualTo(MonitoredLoan.MONITORING);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.PERIODIC_CHECK_CANCELLED);
    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);
    String again = onlyOpenCheck(loan, CheckKind.PERIODIC).checkId();
    assertThat(again).as("a new periodic check, the period still due").isNotEqualTo(periodicCheck);
    assertThat(loan.openTasks()).singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_REMOTELY));

    completeRemoteCheck(loan, again);
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(timerDue(loan.monitoring())).as("the next quarter").isEqualTo(startOf(clock.today().plusMonths(3)));
  }

  /** A modification of monitoring that moves 定期贷后检查 on to 安排下次定期检查 gives the loan one next periodic check. */
  @Test
  void aModificationMovingThePeriodicCheckOnLeavesOnePeriodicCheck() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    runtimeService.createProcessInstanceModification(loan.monitoring().getId())
        .cancelAllForActivity(CALL_PERIODIC_CHECK).startBeforeActivity(TASK_SCHEDULE_NEXT_CHECK).execute();
    loan.runJobs();

    assertThat(loan.openTasks()).as("one periodic check of the loan").hasSize(1);
  }

  /**
   * An operator's modification of monitoring (Cockpit's "modify") cancels 定期贷后检查 and moves monitoring on to
   * 安排下次定期检查. The cancelled check is recorded cancelled with who and how, as for a deletion; the next periodic check
   * is the one the operator's move schedules, the only one open.
   */
  @Test
  void aPeriodicCheckWhoseCallActivityAModificationCancelsIsRecordedCancelledAndTheNextCheckIsScheduled() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    String periodicCheck = onlyCheck(loan, CheckKind.PERIODIC).checkId();

    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      runtimeService.createProcessInstanceModification(loan.monitoring().getId())
          .cancelAllForActivity(CALL_PERIODIC_CHECK).startBeforeActivity(TASK_SCHEDULE_NEXT_CHECK).execute();
    } finally {
      identityService.clearAuthentication();
    }
    loan.runJobs();

    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(c -> c.checkId().equals(periodicCheck)).singleElement()
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(PostLoanCheck.CANCELLED);
          assertThat(c.cancelledBy()).isEqualTo("admin");
          assertThat(c.cancelReason()).isEqualTo("核查流程已由运维人员 admin 终止 (通过流程实例修改)");
        });
    assertThat(checkRows.find(periodicCheck).orElseThrow().withdrawal()).isEqualTo(PostLoanCheck.Withdrawal.PROCESS_CANCELLED);
    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);
    assertThat(onlyOpenCheck(loan, CheckKind.PERIODIC).checkId()).as("the check the move scheduled").isNotEqualTo(periodicCheck);
    assertThat(loan.openTasks()).as("one periodic check of the loan").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_REMOTELY));
  }

  /**
   * An operator deletes the instance of a periodic check in a batch (Cockpit's batch operation,
   * {@code RuntimeService#deleteProcessInstancesAsync}): as a single deletion, the check is recorded cancelled with the
   * operator who started the batch and the reason given, and monitoring goes on to a new periodic check.
   */
  @Test
  void aPeriodicCheckDeletedInABatchIsRecordedCancelledAndTheLoanKeepsItsPeriodicChecks() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    String periodicCheck = onlyCheck(loan, CheckKind.PERIODIC).checkId();

    Batch deletion;
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      deletion = runtimeService.deleteProcessInstancesAsync(List.of(loan.checkInstance(periodicCheck).getId()), null,
          "误操作");
    } finally {
      identityService.clearAuthentication();
    }
    runBatch(deletion);
    loan.runJobs();

    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(c -> c.checkId().equals(periodicCheck)).singleElement()
        .satisfies(c -> {
          assertThat(c.status()).isEqualTo(PostLoanCheck.CANCELLED);
          assertThat(c.cancelledBy()).isEqualTo("admin");
          assertThat(c.cancelReason()).isEqualTo("核查流程已由运维人员 admin 终止 (误操作)");
        });
    assertThat(monitoring.view(loan.loanId()).status()).as("monitoring goes on").isEqualTo(MonitoredLoan.MONITORING);
    assertThat(loan.monitoring()).isNotEnded();
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.PERIODIC_CHECK_CANCELLED);
    assertThat(onlyOpenCheck(loan, CheckKind.PERIODIC).checkId()).as("a new periodic check, the period still due")
        .isNotEqualTo(periodicCheck);
    assertThat(loan.openTasks()).singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_REMOTELY));
  }

  /** Runs a batch as the job executor would: its seed job, then the jobs the seed created. */
  private void runBatch(Batch batch) {
    managementService.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    managementService.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
  }

  @Test
  void aCheckerCannotStoreNotesOnThePeriodicCheckBeforeSubmittingItSoATakeOverHasNoneToCarry() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    Task periodic = loan.task(TASK_CHECK_REMOTELY);
    Response claimed = api.post("/engine-rest/task/" + periodic.getId() + "/claim", "remote-verifier",
        "{\"userId\": \"remote-verifier\"}");
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);

    Response saved = api.post("/engine-rest/task/" + periodic.getId() + "/variables", "remote-verifier", """
        {"modifications": {"checkFindings": {"value": "已电话联系实际控制人", "type": "String"}}}
        """);

    assertThat(saved.status()).as("the assignee may work on and complete the task, not store values on it: " + saved.body())
        .isEqualTo(403);
    assertThat(taskService.getVariable(periodic.getId(), PostLoanCheckTaskListener.FINDINGS)).isNull();
  }

  @Test
  void anOrdinarySignalTheReQueryFindsDuringAPeriodicCheckTakesItOverToo() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL").requeryNow();
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);

    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(1, false))).requeryNow();

    MonitoringView.CheckView signalCheck = onlyCheck(loan, CheckKind.SIGNAL);
    assertThat(loan.monitoring()).as("taken over in a step of its own, after the re-query committed")
        .hasPassed(PostLoanMonitoringProcess.Elements.TASK_TAKE_OVER_PERIODIC_CHECK);
    assertThat(signalCheck.method()).as("an ordinary signal: remote, as the periodic check").isEqualTo(CheckMethod.REMOTE);
    assertThat(loan.openTasks()).as("the signal's check only, which shows the signal").singleElement()
        .satisfies(task -> assertThat(task.getProcessInstanceId()).isEqualTo(loan.checkInstance(signalCheck.checkId()).getId()));
    assertThat(onlyCheck(loan, CheckKind.PERIODIC)).satisfies(periodic -> {
      assertThat(periodic.status()).isEqualTo(PostLoanCheck.CANCELLED);
      assertThat(periodic.cancelReason()).isEqualTo("由预警信号核查代替 (" + signalCheck.checkId() + ")");
      assertThat(periodic.cancelledBy()).isEqualTo(WarningSignalService.SYSTEM);
    });

    completeRemoteCheck(loan, signalCheck.checkId());

    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(timerDue(loan.monitoring())).isEqualTo(startOf(clock.today().plusMonths(3)));
  }

  @Test
  void thePeriodicTimerFallingDueAsASignalsCheckIsCompletedFirstLeavesOneNextPeriodicCheck() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    String signalCheck = signalCheckOpenAsThePeriodFallsDue(loan);

    managementService.executeJob(periodicCheckTimer(loan).getId());
    assertThat(loan.monitoring()).isWaitingAt(EVENT_SIGNAL_CHECKS_DONE);
    completeRemoteCheck(loan, signalCheck);

    assertOneNextPeriodicCheckAQuarterAfter(loan, clock.today());
  }

  @Test
  void aSignalsCheckCompletedAsThePeriodicTimerFallsDueLeavesOneNextPeriodicCheck() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    String signalCheck = signalCheckOpenAsThePeriodFallsDue(loan);

    Task task = taskService.createTaskQuery().processInstanceId(loan.checkInstance(signalCheck).getId()).singleResult();
    completeAs("remote-verifier", task.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
        PostLoanCheckTaskListener.FINDINGS, "已核实: 正常", "borrowerReached", true));
    loan.runJobs(); // the timer, due a moment ago, is moved by the completion

    assertOneNextPeriodicCheckAQuarterAfter(loan, clock.today());
  }

  @Test
  void aPeriodicTimerRetriedAfterASignalsCheckCompletedInTheSameMomentOpensNoCheckAndWaitsForTheNextPeriod() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    String signalCheck = signalCheckOpenAsThePeriodFallsDue(loan);
    Job timer = periodicCheckTimer(loan);
    Task task = taskService.createTaskQuery().processInstanceId(loan.checkInstance(signalCheck).getId()).singleResult();
    completeAs("remote-verifier", task.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
        PostLoanCheckTaskListener.FINDINGS, "已核实: 正常", "borrowerReached", true));

    // the timer had fired as the completion committed and failed on the engine's optimistic lock (MonitoringPostgresIT):
    // the job executor's retry is due in two minutes, the period it fired for moved a quarter on by the completion
    managementService.setJobDuedate(timer.getId(), Date.from(clock.now().plus(Duration.ofMinutes(2))));
    moveClockBy(Duration.ofMinutes(3));
    loan.runJobs();

    assertThat(loan.monitoring()).hasPassed(PostLoanMonitoringProcess.Elements.GATEWAY_PERIODIC_CHECK_STILL_DUE)
        .hasNotPassed(PostLoanMonitoringProcess.Elements.TASK_OPEN_PERIODIC_CHECK);
    assertThat(flows.of(loan.monitoring().getId())).contains(PostLoanMonitoringProcess.Flows.PERIODIC_CHECK_STILL_DUE_NO);
    assertOneNextPeriodicCheckAQuarterAfter(loan, clock.today());
  }

  /** A signal's check opened 80 days after the first check; the clock then stands at the period's end, the timer due. */
  private String signalCheckOpenAsThePeriodFallsDue(MonitoringScenario loan) {
    moveClockBy(Duration.ofDays(80));
    String signalCheck = loan.report("remote-verifier", MonitoringScenario.signal("RB-NEWS-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠货款", null)).json().path("checkId").asText();
    moveClockTo(periodicCheckTimer(loan).getDuedate().toInstant());
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    return signalCheck;
  }

  private void assertOneNextPeriodicCheckAQuarterAfter(MonitoringScenario loan, LocalDate checked) {
    List<Job> timers = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(TIMER_PERIODIC_CHECK_DUE).list();
    assertThat(timers).as("exactly one next periodic check").singleElement()
        .satisfies(timer -> assertThat(timer.getDuedate()).isEqualTo(startOf(checked.plusMonths(3))));
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(runtimeService.createExecutionQuery().processInstanceId(loan.monitoring().getId())
        .activityId(EVENT_SIGNAL_CHECKS_DONE).count()).as("nothing left waiting for the checks of signals").isZero();
    assertThat(loan.openTasks()).isEmpty();
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);
    assertThat(monitoring.view(loan.loanId()).nextCheckDue()).isEqualTo(checked.plusMonths(3));
  }

  private Job periodicCheckTimer(MonitoringScenario loan) {
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(TIMER_PERIODIC_CHECK_DUE).singleResult();
    assertThat(timer).as("定期检查已到期").isNotNull();
    return timer;
  }

  private MonitoringView.CheckView onlyCheck(MonitoringScenario loan, CheckKind kind) {
    List<MonitoringView.CheckView> ofKind = monitoring.view(loan.loanId()).checks().stream().filter(c -> c.kind() == kind).toList();
    assertThat(ofKind).as("the loan's %s check", kind).hasSize(1);
    return ofKind.get(0);
  }

  private MonitoringView.CheckView onlyOpenCheck(MonitoringScenario loan, CheckKind kind) {
    List<MonitoringView.CheckView> open = monitoring.view(loan.loanId()).checks().stream()
        .filter(c -> c.kind() == kind && PostLoanCheck.OPEN.equals(c.status())).toList();
    assertThat(open).as("the loan's open %s check", kind).hasSize(1);
    return open.get(0);
  }

  private Job schedulingJob(ProcessInstance instance) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_SCHEDULE_NEXT_CHECK)
        .singleResult();
    assertThat(job).as("the job of 安排下次定期检查").isNotNull();
    return job;
  }

  private void completeRemoteCheck(MonitoringScenario loan, String checkId) {
    Task task = taskService.createTaskQuery().processInstanceId(loan.checkInstance(checkId).getId()).singleResult();
    completeAs("remote-verifier", task.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
        PostLoanCheckTaskListener.FINDINGS, "已核实: 正常", "borrowerReached", true));
    loan.runJobs();
  }
}
