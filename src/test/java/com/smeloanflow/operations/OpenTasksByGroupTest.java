package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.operations.OpenTasksByGroup.Counts;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The open tasks per candidate group, read in one statement, are what Camunda's task query counts group by group:
 * every task offered to the group, the unclaimed ones, the ones past their due date.
 */
class OpenTasksByGroupTest extends AbstractIntegrationTest {

  private static final String PROCESS = "open-tasks-by-group-probe";

  @Autowired OpenTasksByGroup openTasks;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String acceptance = "otg-" + tag + "-acceptance";
  private final String managers = "otg-" + tag + "-managers";
  private final String idle = "otg-" + tag + "-idle";
  /** A member of both groups, who may claim their tasks. */
  private final String clerk = "otg-" + tag + "-clerk";
  private final Instant now = Instant.now();

  private String deploymentId;

  @BeforeEach
  void deployOneTaskProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
        .userTask("UserTask_Work").name("看板待办测试").camundaDueDate("${due}").endEvent().done();
    deploymentId = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model).deploy().getId();
    identityService.saveUser(identityService.newUser(clerk));
    for (String group : List.of(acceptance, managers)) {
      identityService.saveGroup(identityService.newGroup(group));
      identityService.createMembership(clerk, group);
    }
  }

  @AfterEach
  void removeTheProcess() {
    repositoryService.deleteDeployment(deploymentId, true);
    identityService.deleteUser(clerk);
    List.of(acceptance, managers).forEach(identityService::deleteGroup);
  }

  /** An open task due {@code dueIn} from now (null: no due date), claimed by {@code assignee} (null: nobody). */
  private Task task(String assignee, Duration dueIn, String... candidateGroups) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("due", dueIn == null ? null : Date.from(now.plus(dueIn)));
    String instance = runtimeService.startProcessInstanceByKey(PROCESS, variables).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    for (String group : candidateGroups) {
      taskService.addCandidateGroup(task.getId(), group);
    }
    if (assignee != null) {
      taskService.setAssignee(task.getId(), assignee);
    }
    return task;
  }

  @Test
  void eachGroupsTasksAreCountedAsTheEnginesTaskQueryCountsThem() {
    Task linkedTwice = task(null, null, acceptance);
    taskService.addCandidateGroup(linkedTwice.getId(), acceptance);
    task(clerk, Duration.ofDays(1), acceptance);
    task(null, Duration.ofHours(-2), acceptance);
    task(clerk, Duration.ofMinutes(-1), acceptance, managers);
    task(null, Duration.ofHours(3), managers);
    Task watched = task(null, Duration.ofDays(-3));
    taskService.addGroupIdentityLink(watched.getId(), managers, "watcher");
    taskService.addCandidateUser(task(null, Duration.ofDays(-3)).getId(), "manager-1");

    Map<String, Counts> counts = openTasks.of(List.of(acceptance, managers, idle), now);

    assertThat(counts).as("a task offered to two groups counts for both, a task offered twice once; other links, users and idle groups for none")
        .containsExactlyInAnyOrderEntriesOf(Map.of(acceptance, new Counts(4, 2, 2), managers, new Counts(2, 1, 1)));
    for (String group : List.of(acceptance, managers, idle)) {
      assertThat(counts.getOrDefault(group, Counts.NONE)).as("the engine's counts of %s", group).isEqualTo(new Counts(
          taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count(),
          taskService.createTaskQuery().taskCandidateGroup(group).count(),
          taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().dueBefore(Date.from(now)).count()));
    }
    assertThat(openTasks.everyGroup(now)).as("every group with open tasks, the same counts")
        .containsEntry(acceptance, new Counts(4, 2, 2)).containsEntry(managers, new Counts(2, 1, 1)).doesNotContainKey(idle);
  }

  @Test
  void aClaimOrACompletedTaskMovesTheCounts() {
    Task waiting = task(null, Duration.ofHours(-1), acceptance);
    assertThat(openTasks.of(List.of(acceptance), now)).containsEntry(acceptance, new Counts(1, 1, 1));

    taskService.claim(waiting.getId(), clerk);
    assertThat(openTasks.of(List.of(acceptance), now)).as("claimed: still open, no longer unclaimed")
        .containsEntry(acceptance, new Counts(1, 0, 1));

    taskService.complete(waiting.getId());
    assertThat(openTasks.of(List.of(acceptance), now)).as("completed: no longer open").isEmpty();
  }

  @Test
  void noGroupsAskedMeansNoCounts() {
    task(null, null, acceptance);

    assertThat(openTasks.of(List.of(), now)).isEmpty();
  }
}
