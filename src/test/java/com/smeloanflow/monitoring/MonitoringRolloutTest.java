package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_PERIODIC_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_REQUERY_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_SIGNAL_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.EVENT_SIGNAL_CHECKS_DONE;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.START_REQUERY_DUE;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_REQUERY_EXTERNAL_DATA;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_SCHEDULE_NEXT_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_TAKE_OVER_PERIODIC_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ModelRolloutFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Loans monitored on earlier post-loan-monitoring versions, kept as test resources, are rolled out to the application's
 * version with the process owner's rollout, wherever they wait, and then follow it. The version before 贷款是否仍在账? was
 * removed (commit a83b13e): a periodic check falling due while a signal's check is open then waits for that check; one
 * left on it still schedules its checks. The version before a signal took over an open periodic check (commit
 * 0caf918): a loan moved at its open periodic check keeps that check's task, and a signal then takes it over; one left
 * on it keeps its periodic check beside the signal's. The version in which the re-query took an open periodic check
 * over from inside 复查外部数据 (up to 1b8f02e): a loan moved with its re-query due takes it over in 接管定期检查; one left on
 * it still takes it over. Each rollout moves only the test's own loan
 * ({@link ModelRollout#onlyBusinessKeys}); the test's versions are deleted with their instances afterwards.
 */
class MonitoringRolloutTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;
  @Autowired MonitoringQueryService monitoringViews;
  @RegisterExtension final ModelRolloutFixture rollout = new ModelRolloutFixture("monitoring-rollout-test");
  private static final String MODEL = "bpmn/post-loan-monitoring.bpmn";
  /** The version up to a83b13e: 贷款是否仍在账? after 安排下次定期检查, no deferral of a periodic check. */
  private static final String LOAN_ON_BOOKS_GATEWAY = "/rollout/post-loan-monitoring-with-loan-on-books-gateway.bpmn";
  /** The version up to 0caf918: a periodic check already open stays open beside a signal's check. */
  private static final String PERIODIC_CHECK_BESIDE_SIGNAL_CHECK =
      "/rollout/post-loan-monitoring-with-periodic-check-beside-signal-check.bpmn";
  /** The version up to 1b8f02e: 复查外部数据 takes an open periodic check over itself, no 接管定期检查. */
  private static final String TAKE_OVER_INSIDE_THE_REQUERY = "/rollout/post-loan-monitoring-with-take-over-inside-the-requery.bpmn";

  @BeforeEach
  void aStoppedClock() {
    stopClock();
  }

  @Test
  void aLoanWaitingForItsPeriodicCheckIsRolledOutAndASeriousSignalThenOpensNoPeriodicCheckBesideItsOwn() throws IOException {
    rollout.deployAsLatest(MODEL, LOAN_ON_BOOKS_GATEWAY);
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    Date due = periodicCheckTimer(loan).getDuedate();

    rolledOut(loan);

    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(periodicCheckTimer(loan).getDuedate()).as("the periodic check due as before").isEqualTo(due);
    moveClockBy(Duration.ofDays(40));
    loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN", "结算账户被冻结", null));
    assertThat(loan.openTasks()).as("the signal's check only").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_ON_SITE));
    assertThat(loan.monitoring()).isWaitingAt(CALL_SIGNAL_CHECK, EVENT_SIGNAL_CHECKS_DONE);

    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(periodicCheckTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));
  }

  @Test
  void aLoanAtItsFirstCheckIsRolledOutAndItsNextCheckIsScheduledOnTheNewVersion() throws IOException {
    rollout.deployAsLatest(MODEL, LOAN_ON_BOOKS_GATEWAY);
    MonitoringScenario loan = loanUnderMonitoring();
    assertThat(loan.monitoring()).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);

    rolledOut(loan);

    assertThat(loan.monitoring()).isWaitingAt(TASK_FIRST_POST_LOAN_CHECK);
    loan.firstCheck("NORMAL");
    assertThat(loan.monitoring()).hasPassed(TASK_SCHEDULE_NEXT_CHECK).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(periodicCheckTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));
  }

  @Test
  void aLoanAtItsFirstCheckLeftOnTheVersionBeforeStillSchedulesItsChecks() throws IOException {
    rollout.deployAsLatest(MODEL, LOAN_ON_BOOKS_GATEWAY);
    MonitoringScenario loan = loanUnderMonitoring();
    String oldVersion = loan.monitoring().getProcessDefinitionId();

    loan.firstCheck("NORMAL");

    assertThat(loan.monitoring()).as("the old version's 贷款是否仍在账? reads loanOnBooks, still set")
        .hasPassed("Gateway_LoanOnBooks").isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(loan.monitoring().getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(oldVersion);
    assertThat(periodicCheckTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));
  }

  @Test
  void aLoanAtAnOpenPeriodicCheckIsRolledOutKeepingItsTaskAndASignalThenTakesTheCheckOver() throws IOException {
    rollout.deployAsLatest(MODEL, PERIODIC_CHECK_BESIDE_SIGNAL_CHECK);
    MonitoringScenario loan = atAnOpenPeriodicCheck();
    Task periodicTask = loan.task(TASK_CHECK_REMOTELY);

    rolledOut(loan);

    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);
    assertThat(loan.task(TASK_CHECK_REMOTELY).getId()).as("the periodic check's task as it was").isEqualTo(periodicTask.getId());
    loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN", "结算账户被冻结", null));

    assertThat(loan.openTasks()).as("the signal's check only").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(TASK_CHECK_ON_SITE));
    assertThat(loan.monitoring()).isWaitingAt(CALL_SIGNAL_CHECK, EVENT_SIGNAL_CHECKS_DONE);
    assertThat(periodicCheck(loan).status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(periodicCheck(loan).cancelReason()).startsWith(PostLoanMonitoringService.SUPERSEDED_BY_SIGNAL_CHECK);

    moveClockBy(Duration.ofDays(2));
    loan.completeCheck("zy001-cm", TASK_CHECK_ON_SITE, "NORMAL", Map.of("premisesVisited", true));

    assertThat(loan.monitoring()).isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(periodicCheckTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));
  }

  @Test
  void aLoanAtAnOpenPeriodicCheckLeftOnTheVersionBeforeKeepsItBesideASignalsCheck() throws IOException {
    rollout.deployAsLatest(MODEL, PERIODIC_CHECK_BESIDE_SIGNAL_CHECK);
    MonitoringScenario loan = atAnOpenPeriodicCheck();

    loan.report("core-banking", MonitoringScenario.signal("CB-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN", "结算账户被冻结", null));

    assertThat(loan.openTasks()).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrder(TASK_CHECK_REMOTELY, TASK_CHECK_ON_SITE);
    assertThat(periodicCheck(loan).status()).as("nothing recorded as taken over").isEqualTo(PostLoanCheck.OPEN);
  }

  @Test
  void aLoanWhoseReQueryIsDueAtAnOpenPeriodicCheckIsRolledOutAndTheReQuerysCheckTakesItOverInAStepOfItsOwn() throws IOException {
    rollout.deployAsLatest(MODEL, TAKE_OVER_INSIDE_THE_REQUERY);
    MonitoringScenario loan = atAnOpenPeriodicCheck();
    reQueryFallsDueFindingAnEnforcementCase(loan);

    rolledOut(loan);
    loan.runJobs();

    assertThat(loan.monitoring()).hasPassed(TASK_REQUERY_EXTERNAL_DATA, TASK_TAKE_OVER_PERIODIC_CHECK)
        .isWaitingAt(CALL_REQUERY_CHECK, EVENT_SIGNAL_CHECKS_DONE);
    assertTheReQuerysCheckTookThePeriodicCheckOver(loan);
  }

  @Test
  void aLoanWhoseReQueryIsDueAtAnOpenPeriodicCheckLeftOnTheVersionBeforeStillHasItTakenOver() throws IOException {
    rollout.deployAsLatest(MODEL, TAKE_OVER_INSIDE_THE_REQUERY);
    MonitoringScenario loan = atAnOpenPeriodicCheck();
    String oldVersion = loan.monitoring().getProcessDefinitionId();
    reQueryFallsDueFindingAnEnforcementCase(loan);

    loan.runJobs();

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(loan.monitoring().getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(oldVersion);
    assertThat(loan.monitoring()).hasPassed(TASK_REQUERY_EXTERNAL_DATA).isWaitingAt(CALL_REQUERY_CHECK, EVENT_SIGNAL_CHECKS_DONE);
    assertTheReQuerysCheckTookThePeriodicCheckOver(loan);
  }

  /** The sandbox now shows an open enforcement case (an ordinary signal); the re-query falls due, its job not yet run. */
  private void reQueryFallsDueFindingAnEnforcementCase(MonitoringScenario loan) {
    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(1, false)));
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(START_REQUERY_DUE).singleResult();
    managementService.executeJob(timer.getId());
    assertThat(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(TASK_REQUERY_EXTERNAL_DATA).count()).as("复查外部数据 waiting for the job executor").isOne();
  }

  private void assertTheReQuerysCheckTookThePeriodicCheckOver(MonitoringScenario loan) {
    MonitoringView.CheckView signalCheck = monitoringViews.view(loan.loanId()).checks().stream()
        .filter(c -> c.kind() == CheckKind.SIGNAL).reduce((a, b) -> { throw new AssertionError("two checks of signals"); })
        .orElseThrow();
    assertThat(loan.openTasks()).as("the re-query's check only").singleElement()
        .satisfies(task -> assertThat(task.getProcessInstanceId()).isEqualTo(loan.checkInstance(signalCheck.checkId()).getId()));
    assertThat(periodicCheck(loan).status()).isEqualTo(PostLoanCheck.CANCELLED);
    assertThat(periodicCheck(loan).cancelReason())
        .isEqualTo(PostLoanMonitoringService.SUPERSEDED_BY_SIGNAL_CHECK + " (" + signalCheck.checkId() + ")");
    assertThat(periodicCheck(loan).cancelledBy()).isEqualTo(WarningSignalService.SYSTEM);
  }

  private MonitoringScenario atAnOpenPeriodicCheck() {
    MonitoringScenario loan = loanUnderMonitoring().firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    assertThat(loan.monitoring()).isWaitingAt(CALL_PERIODIC_CHECK);
    return loan;
  }

  private MonitoringView.CheckView periodicCheck(MonitoringScenario loan) {
    return monitoringViews.view(loan.loanId()).checks().stream().filter(c -> c.kind() == CheckKind.PERIODIC)
        .reduce((a, b) -> { throw new AssertionError("two periodic checks"); }).orElseThrow();
  }

  private MonitoringScenario loanUnderMonitoring() {
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        "ZY001", clock.today());
  }

  private Job periodicCheckTimer(MonitoringScenario loan) {
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(TIMER_PERIODIC_CHECK_DUE).singleResult();
    assertThat(timer).as("定期检查已到期").isNotNull();
    return timer;
  }

  /** The process owner rolls the application's model out: only this loan's monitoring moves, and it moves. */
  private void rolledOut(MonitoringScenario loan) throws IOException {
    String oldVersion = loan.monitoring().getProcessDefinitionId();
    rollout.workingCopyOf(MODEL);

    RolloutReport report = rollout.rollOutOnly(loan.loanId());

    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.key()).isEqualTo(PostLoanMonitoringProcess.KEY);
    assertThat(migration.from()).singleElement().satisfies(from -> {
      assertThat(from.definitionId()).isEqualTo(oldVersion);
      assertThat(from.planProblems()).isEmpty();
      assertThat(from.notMoved()).isEmpty();
      assertThat(from.moved()).extracting(RolloutReport.Instance::businessKey).containsExactly(loan.loanId());
    });
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(loan.monitoring().getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(migration.definitionId());
  }
}
