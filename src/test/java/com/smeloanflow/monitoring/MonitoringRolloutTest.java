package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.CALL_SIGNAL_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.EVENT_SIGNAL_CHECKS_DONE;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_SCHEDULE_NEXT_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Loans monitored on the post-loan-monitoring version before 贷款是否仍在账? was removed (the version of commit a83b13e,
 * kept as a test resource) are rolled out to the application's version with the process owner's rollout, wherever
 * they wait, and then follow it: a periodic check falling due while a signal's check is open waits for that check. One
 * left on the old version still schedules its checks. Each rollout moves only the test's own loan
 * ({@link ModelRollout#onlyBusinessKeys}); the test's versions are deleted with their instances afterwards.
 */
class MonitoringRolloutTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;
  @LocalServerPort int port;
  @TempDir Path workingCopy;
  private final String deploymentName = "monitoring-rollout-test-" + UUID.randomUUID();

  @BeforeEach
  void aStoppedClock() {
    stopClock();
  }

  @AfterEach
  void undeployTheTestVersions() {
    repositoryService.createDeploymentQuery().deploymentName(deploymentName).list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void aLoanWaitingForItsPeriodicCheckIsRolledOutAndASeriousSignalThenOpensNoPeriodicCheckBesideItsOwn() throws IOException {
    deployTheVersionWithTheLoanOnBooksGateway();
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
    deployTheVersionWithTheLoanOnBooksGateway();
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
    deployTheVersionWithTheLoanOnBooksGateway();
    MonitoringScenario loan = loanUnderMonitoring();
    String oldVersion = loan.monitoring().getProcessDefinitionId();

    loan.firstCheck("NORMAL");

    assertThat(loan.monitoring()).as("the old version's 贷款是否仍在账? reads loanOnBooks, still set")
        .hasPassed("Gateway_LoanOnBooks").isWaitingAt(TIMER_PERIODIC_CHECK_DUE);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(loan.monitoring().getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(oldVersion);
    assertThat(periodicCheckTimer(loan).getDuedate()).isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3)));
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

  /** Deploys the old version as the latest, with the application's forms, so a loan enrolled now starts on it. */
  private void deployTheVersionWithTheLoanOnBooksGateway() throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name(deploymentName);
    try (InputStream old = getClass().getResourceAsStream("/rollout/post-loan-monitoring-with-loan-on-books-gateway.bpmn")) {
      deployment.addString("bpmn/post-loan-monitoring.bpmn", new String(old.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        deployment.addString("forms/" + form.getFileName(), Files.readString(form));
      }
    }
    deployment.deploy();
  }

  /** The process owner rolls the application's model out: only this loan's monitoring moves, and it moves. */
  private void rolledOut(MonitoringScenario loan) throws IOException {
    String oldVersion = loan.monitoring().getProcessDefinitionId();
    Files.createDirectories(workingCopy.resolve("bpmn"));
    Files.createDirectories(workingCopy.resolve("forms"));
    Files.copy(Path.of("bpmn/post-loan-monitoring.bpmn"), workingCopy.resolve("bpmn/post-loan-monitoring.bpmn"));
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        Files.copy(form, workingCopy.resolve("forms").resolve(form.getFileName()));
      }
    }

    RolloutReport report = ModelRollout.to("http://localhost:" + port, "process-owner", DemoData.PASSWORD)
        .onlyBusinessKeys(Set.of(loan.loanId())).run(workingCopy, deploymentName);

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
