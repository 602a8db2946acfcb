package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * A renewal applied for on the loan-renewal version before 人工审批续贷 (the version of commit f563338, kept as a test
 * resource) and waiting at 审批续贷申请 is rolled out to the application's version with the process owner's rollout: the
 * task moves into 人工审批续贷, 到期仍未审批 is armed at {@code renewalMaturesAt}, a decision after the maturity is refused
 * and the timer lapses the renewal.
 */
class RenewalRolloutTest extends AbstractIntegrationTest {

  @Autowired private MailOutbox outbox;
  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @LocalServerPort int port;
  @TempDir Path workingCopy;
  private final String deploymentName = "renewal-rollout-test-" + UUID.randomUUID();

  @BeforeEach
  void aFixedMorning() {
    stopClock();
  }

  @AfterEach
  void undeployTheTestVersions() {
    repositoryService.createDeploymentQuery().deploymentName(deploymentName).list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  /** Deploys the old version as the latest, with the application's forms, so a renewal applied for now starts on it. */
  private void deployTheVersionBeforeTheMaturityTimer() throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name(deploymentName);
    try (InputStream old = getClass().getResourceAsStream("/rollout/loan-renewal-before-maturity-timer.bpmn")) {
      deployment.addString("bpmn/loan-renewal.bpmn", new String(old.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        deployment.addString("forms/" + form.getFileName(), Files.readString(form));
      }
    }
    deployment.deploy();
  }

  private void workingCopyOfTheApplicationsModel() throws IOException {
    Files.createDirectories(workingCopy.resolve("bpmn"));
    Files.createDirectories(workingCopy.resolve("forms"));
    Files.copy(Path.of("bpmn/loan-renewal.bpmn"), workingCopy.resolve("bpmn/loan-renewal.bpmn"));
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        Files.copy(form, workingCopy.resolve("forms").resolve(form.getFileName()));
      }
    }
  }

  @Test
  void aRenewalWaitingAtTheApproversTaskOnTheVersionBeforeTheMaturityTimerIsRolledOut() throws IOException {
    deployTheVersionBeforeTheMaturityTimer();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), RenewalDates.daysToMaturity(bankCalendar, clock.today(), 45, true), ProcessingFixtures.strongProfile(),
        "500000.00").scanNow();
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    String oldVersion = instance.getProcessDefinitionId();
    workingCopyOfTheApplicationsModel();

    RolloutReport report = ModelRollout.to("http://localhost:" + port, "process-owner", DemoData.PASSWORD)
        .run(workingCopy, deploymentName);

    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.key()).isEqualTo(LoanRenewalProcess.KEY);
    assertThat(migration.from()).flatExtracting(RolloutReport.FromVersion::notMoved)
        .filteredOn(stayed -> loan.loanId().equals(stayed.businessKey())).isEmpty();
    assertThat(migration.from()).filteredOn(from -> from.definitionId().equals(oldVersion)).singleElement()
        .satisfies(from -> assertThat(from.moved()).extracting(RolloutReport.Instance::businessKey).contains(loan.loanId()));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(migration.definitionId());
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    Job maturedUndecided = managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(BOUNDARY_MATURED_UNDECIDED).singleResult();
    assertThat(maturedUndecided).as("到期仍未审批 armed by the move").isNotNull();
    assertThat(maturedUndecided.getDuedate())
        .isEqualTo(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.MATURES_AT.name()));

    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId())
        .as("the same task").isEqualTo(task);

    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    ApiClient.Response late = api.post("/engine-rest/task/" + task + "/complete", "approver", "{\"variables\": {\""
        + ApproveRenewalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \"" + ApproveRenewalTaskListener.NOTE
        + "\": {\"value\": \"同意续贷\"}}}");
    assertThat(late.status()).as("a late decision is refused as on the new version: %s", late.body()).isEqualTo(400);
    loan.runJobs(instance);

    assertThat(instance).hasPassed(BOUNDARY_MATURED_UNDECIDED, TASK_LAPSE).hasNotPassed(TASK_SEND_CONTRACT).isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.LAPSED);
  }
}
