package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.RowLockWaits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes of a cluster starting together on one PostgreSQL both run {@link LeadGroupTaskGrants}: the second node's
 * run is made to meet the first's, held open before it commits (its grants and its record of the run written, not
 * committed). Neither start fails, and each lead group's grant on a task is written once.
 */
class LeadGroupTaskGrantsPostgresIT extends AbstractPostgresIntegrationTest {

  private static final String PROCESS = "lead-group-task-grants-probe";
  private static final String LEADS = "LG901-leads";

  @Autowired LeadGroupTaskGrants thisNode;
  @Autowired AuthorizationService authorizations;
  @Autowired BusinessClock clock;
  @Autowired TransactionTemplate transaction;

  private final List<String> leadTasks = new ArrayList<>();
  private String deploymentId;
  private LeadGroupTaskGrants otherNode;

  @BeforeEach
  void threeLeadGroupTasksOfTheVersionBefore() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
        .userTask("UserTask_Supervise").name("督办逾期贷款").camundaCandidateGroups("${group}").endEvent().done();
    deploymentId = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model)
        .deploy().getId();
    for (int i = 0; i < 3; i++) {
      String instance = runtimeService.startProcessInstanceByKey(PROCESS, Map.of("group", LEADS)).getId();
      leadTasks.add(taskService.createTaskQuery().processInstanceId(instance).singleResult().getId());
    }
    otherNode = new LeadGroupTaskGrants(taskService, authorizations, managementService, clock);
  }

  @AfterEach
  void removeTheProcess() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  /** The tasks as a version before the grant left them: the lead group works them but may not reassign them. */
  private void withoutTheRightToReassign() {
    leadTasks.forEach(task -> {
      Authorization grant = grant(task);
      grant.removePermission(TaskPermissions.TASK_ASSIGN);
      authorizations.saveAuthorization(grant);
    });
  }

  private Authorization grant(String task) {
    return authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(LEADS)
        .resourceType(Resources.TASK).resourceId(task).singleResult();
  }

  /** The revisions of the lead group's grant rows on a task (one row: ACT_UNIQ_AUTH_GROUP). */
  private List<Integer> grantRevisions(String task) {
    return jdbc.sql("SELECT REV_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = :type AND RESOURCE_ID_ = :task"
            + " AND GROUP_ID_ = :group").param("type", Resources.TASK.resourceType()).param("task", task)
        .param("group", LEADS).query(Integer.class).list();
  }

  /** Each task's grant, one row, holds TASK_ASSIGN and was written once since it was taken away. */
  private void assertEachGrantWrittenOnce(Map<String, Integer> revisionsBefore) {
    for (String task : leadTasks) {
      assertThat(grantRevisions(task)).as("the lead group's grant rows on task %s, by revision", task)
          .containsExactly(revisionsBefore.get(task) + 1);
      assertThat(grant(task).isPermissionGranted(TaskPermissions.TASK_ASSIGN)).isTrue();
    }
  }

  /** A run of the other node, left uncommitted until this node's run waits for what it wrote. */
  private RowLockWaits.Met<Integer> thisNodeMeetsTheOtherNodesRun(String waiting, String what) throws Exception {
    AtomicInteger otherNodeGranted = new AtomicInteger(-1);
    AtomicInteger thisNodeGranted = new AtomicInteger(-1);
    RowLockWaits.Met<Integer> met = RowLockWaits.meet(transaction, () -> otherNodeGranted.set(otherNode.grantOpenTasks()),
        otherNodeGranted::get, () -> thisNodeGranted.set(thisNode.grantOpenTasks()), jdbc, waiting, what);
    assertThat(met.second()).as("this node's start").isEqualTo("done");
    assertThat(thisNodeGranted.get()).as("grants this node wrote").isZero();
    return met;
  }

  @Test
  void aNodeStartingWhileAnotherGrantsTheSameTasksStartsAndEachGrantIsWrittenOnce() throws Exception {
    withoutTheRightToReassign();
    Map<String, Integer> revisions = new HashMap<>();
    leadTasks.forEach(task -> revisions.put(task, grantRevisions(task).get(0)));

    RowLockWaits.Met<Integer> met = thisNodeMeetsTheOtherNodesRun("query ILIKE '%update ACT_RU_AUTHORIZATION%'",
        "this node's grant waiting for the other node's grant of the same task");

    assertThat(met.first()).as("grants the other node wrote").isEqualTo(3);
    assertEachGrantWrittenOnce(revisions);
  }

  /** The usual restart of a cluster: nothing left to grant, both nodes record their run at once. */
  @Test
  void aNodeStartingWhileAnotherRecordsItsRunWithNothingToGrantStarts() throws Exception {
    thisNode.grantOpenTasks();

    thisNodeMeetsTheOtherNodesRun("query ILIKE '%ACT_GE_PROPERTY%'",
        "this node's record of its run waiting for the other node's");

    assertThat(managementService.getProperties()).containsKey(LeadGroupTaskGrants.CHECKED_FROM);
  }

  /** The first start of the version that grants, nothing to grant: no run recorded yet, both nodes record theirs. */
  @Test
  void twoNodesRecordingTheirFirstRunTogetherBothStart() throws Exception {
    managementService.deleteProperty(LeadGroupTaskGrants.CHECKED_FROM);

    thisNodeMeetsTheOtherNodesRun("query ILIKE '%ACT_GE_PROPERTY%'",
        "this node's first record of its run waiting for the other node's");

    assertThat(managementService.getProperties()).containsKey(LeadGroupTaskGrants.CHECKED_FROM);
  }
}
