package com.smeloanflow.platform.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ModelRolloutFixture;
import com.smeloanflow.support.TestApplications;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The process owner's rollout against the running server, with a process of the test's own: running
 * instances move to the new version with the generated migration plan, one waiting in a task the new
 * version removed stays and is reported with the engine's reason; a timer a moved instance waits on keeps its due
 * date; unchanged models deploy nothing; a user without the right deploys nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelRolloutTest extends AbstractIntegrationTest {

  private static final String PROCESS = "rollout-demo";

  @RegisterExtension final ModelRolloutFixture rollout = new ModelRolloutFixture("rollout-test");

  /** Version 1: 审核甲 → 审核乙; version 2: 审核甲 → 复核丙 (乙 removed). */
  private void writeModel(boolean secondVersion) throws IOException {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS).name("发布演示").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Started")
        .userTask("UserTask_A").name("审核甲").camundaCandidateGroups("processing-centre");
    BpmnModelInstance model = (secondVersion
        ? flow.userTask("UserTask_C").name("复核丙").camundaCandidateGroups("processing-centre")
        : flow.userTask("UserTask_B").name("审核乙").camundaCandidateGroups("processing-centre"))
        .endEvent("EndEvent_Done").done();
    rollout.workingCopyWith(PROCESS, model);
  }

  private String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
  }

  @Test
  void runningInstancesMoveToTheNewVersionAndOneInARemovedTaskStaysWithTheEnginesReason(CapturedOutput log) throws IOException {
    writeModel(false);
    RolloutReport first = rollout.rollOutAs("process-owner");
    assertThat(first.changed()).isTrue();
    String version1 = first.processes().get(0).definitionId();
    ProcessInstance atA1 = runtimeService.startProcessInstanceByKey(PROCESS, "RD-A1");
    ProcessInstance atA2 = runtimeService.startProcessInstanceByKey(PROCESS, "RD-A2");
    ProcessInstance atB = runtimeService.startProcessInstanceByKey(PROCESS, "RD-B");
    taskService.complete(taskService.createTaskQuery().processInstanceId(atB.getId()).singleResult().getId());

    writeModel(true);
    RolloutReport second = rollout.rollOutAs("process-owner");

    RolloutReport.ProcessMigration migration = second.processes().get(0);
    assertThat(migration.key()).isEqualTo(PROCESS);
    assertThat(migration.version()).isEqualTo(2);
    RolloutReport.FromVersion fromVersion1 = migration.from().get(0);
    assertThat(fromVersion1.version()).isEqualTo(1);
    assertThat(fromVersion1.planProblems()).isEmpty();
    assertThat(fromVersion1.moved()).extracting(RolloutReport.Instance::businessKey).containsExactlyInAnyOrder("RD-A1", "RD-A2");
    assertThat(fromVersion1.notMoved()).singleElement().satisfies(stayed -> {
      assertThat(stayed.businessKey()).isEqualTo("RD-B");
      assertThat(stayed.reasons()).anySatisfy(reason -> assertThat(reason).startsWith("UserTask_B: "));
    });
    assertThat(definitionOf(atA1)).isEqualTo(migration.definitionId());
    assertThat(definitionOf(atB)).isEqualTo(version1);
    assertThat(second.text()).contains("已迁移 " + atA1.getId(), "未迁移 " + atB.getId() + " (RD-B): UserTask_B");
    assertThat(log.getAll()).as("a refused instance is in the report, not an engine failure in the server's log")
        .doesNotContain("ENGINE-16004").doesNotContainPattern("MigratingProcessInstanceValidationException[^\\n]*\\n\\tat ");
    assertThat(log.getAll().lines().filter(line -> line.contains("Not migrated: ")))
        .as("one line at INFO with the engine's reason").singleElement().asString().contains(" INFO ", atB.getId(), "UserTask_B");

    taskService.complete(taskService.createTaskQuery().processInstanceId(atA1.getId()).singleResult().getId());
    assertThat(taskService.createTaskQuery().processInstanceId(atA1.getId()).singleResult().getTaskDefinitionKey())
        .as("the moved instance goes on along the new version").isEqualTo("UserTask_C");
  }

  /**
   * A timer an instance waits on keeps its due date when the instance moves (an hour after it was armed): it is not
   * armed again from the rollout, neither with its old definition nor with the new version's (4 hours → 8 hours).
   */
  @Test
  void aWaitingTimerKeepsItsDueDateWhenItsInstanceMoves() throws IOException {
    writeModelWithOverdueTimer("PT4H");
    rollout.rollOutAs("process-owner");
    stopClock();
    Instant armed = ClockUtil.getCurrentTime().toInstant();
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(PROCESS, "RD-TIMER");
    assertThat(overdueTimer(waiting)).isEqualTo(armed.plus(Duration.ofHours(4)));

    moveClockTo(armed.plus(Duration.ofHours(1)));
    writeModelWithOverdueTimer("PT8H");
    RolloutReport report = rollout.rollOutAs("process-owner");

    assertThat(definitionOf(waiting)).isEqualTo(report.processes().get(0).definitionId());
    assertThat(overdueTimer(waiting)).as("the due date it had").isEqualTo(armed.plus(Duration.ofHours(4)));
  }

  /** 审核甲 with a boundary timer 审核已超期 of the given duration. */
  private void writeModelWithOverdueTimer(String duration) throws IOException {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).name("发布演示").camundaHistoryTimeToLive(30)
        .startEvent("StartEvent_Started")
        .userTask("UserTask_A").name("审核甲").camundaCandidateGroups("processing-centre")
        .boundaryEvent("BoundaryEvent_AOverdue").name("审核已超期").timerWithDuration(duration).endEvent("EndEvent_Overdue")
        .moveToActivity("UserTask_A").endEvent("EndEvent_Done").done();
    rollout.workingCopyWith(PROCESS, model);
  }

  private Instant overdueTimer(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId("BoundaryEvent_AOverdue").singleResult().getDuedate().toInstant();
  }

  @Test
  void aRolloutLimitedToBusinessKeysMovesOnlyThoseInstancesAndSaysSoAndNamesAKeyWithoutAnInstance() throws IOException {
    writeModel(false);
    String version1 = rollout.rollOutAs("process-owner").processes().get(0).definitionId();
    ProcessInstance chosen = runtimeService.startProcessInstanceByKey(PROCESS, "RD-TRIAL");
    ProcessInstance other = runtimeService.startProcessInstanceByKey(PROCESS, "RD-OTHER");
    ProcessInstance withoutKey = runtimeService.startProcessInstanceByKey(PROCESS);

    writeModel(true);
    RolloutReport report = rollout.rollOutOnly("RD-TRIAL", "RD-TYPO");

    assertThat(report.text())
        .contains("试迁移: 只迁移业务键为 RD-TRIAL, RD-TYPO 的实例; 其余运行中的实例留在原版本, 本报告不列出。")
        .contains("以下业务键在所发布流程的旧版本中没有运行中的实例 (请核对是否写错): RD-TYPO")
        .doesNotContain("RD-OTHER");
    assertThat(report.unmatchedBusinessKeys()).containsExactly("RD-TYPO");

    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.from()).singleElement().satisfies(from -> {
      assertThat(from.moved()).extracting(RolloutReport.Instance::businessKey).containsExactly("RD-TRIAL");
      assertThat(from.notMoved()).isEmpty();
    });
    assertThat(definitionOf(chosen)).isEqualTo(migration.definitionId());
    assertThat(definitionOf(other)).isEqualTo(version1);
    assertThat(definitionOf(withoutKey)).isEqualTo(version1);
  }

  @Test
  void theCommandRunAgainAfterATrialDeploysNothingAndMovesTheRest() throws IOException {
    writeModel(false);
    rollout.rollOutAs("process-owner");
    ProcessInstance chosen = runtimeService.startProcessInstanceByKey(PROCESS, "RD-TRIAL");
    ProcessInstance other = runtimeService.startProcessInstanceByKey(PROCESS, "RD-OTHER");
    ProcessInstance withoutKey = runtimeService.startProcessInstanceByKey(PROCESS);
    writeModel(true);
    String version2 = rollout.rollOutOnly("RD-TRIAL").processes().get(0).definitionId();

    RolloutReport rest = rollout.rollOutAs("process-owner");

    assertThat(rest.changed()).isFalse();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count()).isEqualTo(2);
    assertThat(rest.processes()).singleElement().satisfies(migration -> {
      assertThat(migration.definitionId()).isEqualTo(version2);
      assertThat(migration.from()).singleElement().satisfies(from -> {
        assertThat(from.version()).isEqualTo(1);
        assertThat(from.moved()).extracting(RolloutReport.Instance::id).containsExactlyInAnyOrder(other.getId(), withoutKey.getId());
        assertThat(from.notMoved()).isEmpty();
      });
    });
    assertThat(rest.text()).contains("未部署新版本; 仍在旧版本上的运行中实例迁移到最新版本", "自版本 1: 迁移 2 个, 未迁移 0 个");
    assertThat(List.of(definitionOf(chosen), definitionOf(other), definitionOf(withoutKey))).containsOnly(version2);
  }

  @Test
  void aRunningApplicationMovesToANewVersionOfLoanOriginationAndGoesOn() throws IOException {
    Submitted application = submit(TestApplications.mortgageAtBranchCounter());
    String acceptance = taskService.createTaskQuery().processInstanceId(application.processInstance().getId()).singleResult().getId();
    rollout.workingCopyWithFirstShapeMoved("bpmn/loan-origination.bpmn");

    // only the test's application moves: the other tests' applications stay where they are (the test's version is
    // deleted with its instances afterwards)
    RolloutReport report = rollout.rollOutOnly(application.applicationId());

    RolloutReport.ProcessMigration migration = report.processes().get(0);
    assertThat(migration.key()).isEqualTo(LoanOriginationProcess.KEY);
    assertThat(migration.from()).flatExtracting(RolloutReport.FromVersion::notMoved)
        .filteredOn(stayed -> stayed.businessKey().equals(application.applicationId())).isEmpty();
    assertThat(migration.from()).flatExtracting(RolloutReport.FromVersion::moved)
        .extracting(RolloutReport.Instance::businessKey).contains(application.applicationId());
    assertThat(definitionOf(application.processInstance())).isEqualTo(migration.definitionId());

    completeAs("zy001-acceptor", acceptance, checklistWithout(application.applicationId()));
    executeDueJobs(application.processInstance().getId());
    assertThat(statusOf(application.applicationId())).as("the moved application goes on along the new version")
        .isNotEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void unchangedModelsDeployNothingAndMoveNothing() throws IOException {
    writeModel(false);
    rollout.rollOutAs("process-owner");
    runtimeService.startProcessInstanceByKey(PROCESS, "RD-SAME");

    RolloutReport again = rollout.rollOutAs("process-owner");

    assertThat(again.changed()).isFalse();
    assertThat(again.text()).contains("未部署新版本");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count()).isEqualTo(1);
  }

  @Test
  void aUserWhoMayNotDeployDeploysNothing() throws IOException {
    writeModel(false);

    assertThatThrownBy(() -> rollout.rollOutAs("zy001-acceptor")).isInstanceOfSatisfying(EngineRestClient.EngineRestException.class,
        refused -> assertThat(refused.status()).isEqualTo(403));
    assertThat(repositoryService.createDeploymentQuery().deploymentName(rollout.deploymentName()).count()).isZero();
  }

  @Test
  void theWorkingCopysModelsAndFormsAreDeployedUnderTheApplicationsResourceNames() {
    assertThat(ModelRollout.models(Path.of("."))).containsKeys("bpmn/loan-origination.bpmn", "bpmn/approval-authority.dmn",
        "forms/contact-prospect.form");
    assertThat(List.copyOf(ModelRollout.models(Path.of(".")).keySet())).allMatch(name -> name.matches("(bpmn|forms)/[a-z-]+\\.(bpmn|dmn|form)"));
  }
}
