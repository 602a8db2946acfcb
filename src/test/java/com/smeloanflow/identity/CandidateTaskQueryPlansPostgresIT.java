package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Tasklist queue on PostgreSQL ({@link CandidateTaskQueryPlans}): the clerk sees the group's tasks by due date, their
 * count and a search by a process variable as before, the statement is planned through the candidate links (no
 * sequential scan of the open tasks), and the statements after it in the same transaction are planned as before.
 */
class CandidateTaskQueryPlansPostgresIT extends AbstractPostgresIntegrationTest {

  private static final String PROCESS = "candidate-query-plans-probe";

  @Autowired TransactionTemplate transaction;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String acceptance = "cqp-" + tag + "-acceptance";
  private final String review = "cqp-" + tag + "-review";
  private final Instant now = Instant.now();
  /** The acceptance group's tasks in due-date order, and those of its applications from branch BK-EVEN. */
  private final List<String> acceptanceByDueDate = new ArrayList<>();
  private final List<String> evenBranchByDueDate = new ArrayList<>();
  private final List<String> reviewTasks = new ArrayList<>();

  private String deploymentId;

  @BeforeEach
  void twentyTasksOfOneGroupAndFiveOfAnother() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
        .userTask("UserTask_Queue").name("队列查询测试").camundaCandidateGroups("${group}").camundaDueDate("${due}")
        .endEvent().done();
    deploymentId = repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", model)
        .deploy().getId();
    // started latest-due first, so creation order is not due-date order
    for (int hours = 20; hours >= 1; hours--) {
      String branch = hours % 2 == 0 ? "BK-EVEN" : "BK-ODD";
      String task = start(acceptance, Duration.ofHours(hours), branch);
      acceptanceByDueDate.add(0, task);
      if (branch.equals("BK-EVEN")) {
        evenBranchByDueDate.add(0, task);
      }
    }
    for (int hours = 1; hours <= 5; hours++) {
      reviewTasks.add(start(review, Duration.ofMinutes(hours), "BK-EVEN"));
    }
  }

  @AfterEach
  void removeTheProcess() {
    identityService.clearAuthentication();
    repositoryService.deleteDeployment(deploymentId, true);
  }

  private String start(String group, Duration dueIn, String branchCode) {
    String instance = runtimeService.startProcessInstanceByKey(PROCESS,
        Map.of("group", group, "due", Date.from(now.plus(dueIn)), "branchCode", branchCode)).getId();
    return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  /** The query Tasklist's 我的组任务 sends for a clerk of {@code group}, by due date. */
  private TaskQuery queueOf(String group) {
    return taskService.createTaskQuery().taskCandidateGroupIn(List.of(group)).orderByDueDate().asc();
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }

  @Test
  void aClerkSeesTheGroupsTasksByDueDateTheirCountAndASearchByProcessVariable() {
    identityService.setAuthentication("cqp-" + tag + "-clerk", List.of(acceptance));

    assertThat(ids(queueOf(acceptance).listPage(0, 15))).as("the first page, earliest due first")
        .isEqualTo(acceptanceByDueDate.subList(0, 15));
    assertThat(ids(queueOf(acceptance).listPage(15, 15))).as("the second page")
        .isEqualTo(acceptanceByDueDate.subList(15, 20));
    assertThat(queueOf(acceptance).count()).isEqualTo(20);
    assertThat(ids(queueOf(acceptance).processVariableValueEquals("branchCode", "BK-EVEN").listPage(0, 15)))
        .as("searched by a process variable").isEqualTo(evenBranchByDueDate);
    assertThat(queueOf(acceptance).processVariableValueEquals("branchCode", "BK-EVEN").count()).isEqualTo(10);
    assertThat(queueOf(review).count()).as("another group's queue, without a grant on its tasks").isZero();

    identityService.setAuthentication("cqp-" + tag + "-reviewer", List.of(review));
    assertThat(ids(queueOf(review).listPage(0, 15))).containsExactlyElementsOf(reviewTasks);
    assertThat(queueOf(acceptance).count()).isZero();
  }

  @Test
  void theQueueIsFoundThroughItsCandidateLinksAndTheSettingsArePutBackForTheRestOfTheTransaction() {
    identityService.setAuthentication("cqp-" + tag + "-clerk", List.of(acceptance));
    transaction.executeWithoutResult(status -> {
      // Reading every open task made as cheap as it looks to the planner at 100,000 open tasks, where it reads them
      // all to hash-join a group's 5,000 candidate links: with these costs it does so here too, unless told otherwise.
      jdbc.sql("SET LOCAL seq_page_cost = 0").update();
      jdbc.sql("SET LOCAL cpu_tuple_cost = 0").update();
      long scansBefore = taskTableSequentialScans();
      assertThat(ids(queueOf(acceptance).listPage(0, 15))).hasSize(15);
      assertThat(queueOf(acceptance).count()).isEqualTo(20);
      assertThat(taskTableSequentialScans() - scansBefore)
          .as("sequential scans of ACT_RU_TASK by the queue's page and count").isZero();
      for (String setting : CandidateTaskQueryPlans.SETTINGS) {
        assertThat(jdbc.sql("SELECT current_setting(:setting)").param("setting", setting).query(String.class).single())
            .as(setting + " after the queue's statements, in the same transaction").isEqualTo("on");
      }
    });
  }

  /** Sequential scans of the open tasks in this transaction so far (PostgreSQL's not yet reported statistics). */
  private long taskTableSequentialScans() {
    return jdbc.sql("SELECT COALESCE(SUM(seq_scan), 0) FROM pg_stat_xact_user_tables WHERE relname = 'act_ru_task'")
        .query(Long.class).single();
  }
}
