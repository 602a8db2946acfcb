package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.model.FormSchema;
import com.smeloanflow.model.ProcessVariables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * What the browser tests check inside the engine, around what the browser shows: the task a role
 * should find, that its form reads only variables the task has, and that a submission leaves no
 * variable the process does not declare (a form field no code reads).
 */
public class ProcessProbe {

  /** The longest the job executor may take to get there; on a loaded machine it is slow. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final TaskService taskService;
  private final FormService formService;
  private final HistoryService historyService;
  private final ManagementService managementService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  public ProcessProbe(ProcessEngine engine) {
    this.taskService = engine.getTaskService();
    this.formService = engine.getFormService();
    this.historyService = engine.getHistoryService();
    this.managementService = engine.getManagementService();
    this.runtimeService = engine.getRuntimeService();
    this.identityService = engine.getIdentityService();
  }

  /** The open task of an element in a process instance, once the job executor got there. */
  public Task awaitTask(String processInstanceId, String taskDefinitionKey) {
    return await("task " + taskDefinitionKey + " in " + processInstanceId, () -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey).singleResult());
  }

  /** The open tasks of a (multi-instance) element, once there are {@code count} of them. */
  public List<Task> awaitTasks(String processInstanceId, String taskDefinitionKey, int count) {
    return await(count + " tasks " + taskDefinitionKey + " in " + processInstanceId, () -> {
      List<Task> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey(taskDefinitionKey).orderByTaskAssignee().asc().list();
      return tasks.size() == count ? tasks : null;
    });
  }

  /** Waits until the instance waits in {@code activityId} (a receive task, a timer). */
  public void awaitActivity(String processInstanceId, String activityId) {
    await("instance " + processInstanceId + " waiting in " + activityId, () -> runtimeService.createExecutionQuery()
        .processInstanceId(processInstanceId).activityId(activityId).count() > 0 ? Boolean.TRUE : null);
  }

  /** The running instance of a process with the business key (e.g. post-loan-monitoring of a loan). */
  public String awaitInstance(String processKey, String businessKey) {
    return await("instance of " + processKey + " for " + businessKey, () -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).list().stream().findFirst()
        .map(p -> p.getId()).orElse(null));
  }

  /** Waits until {@code condition} holds (an application status, a job the executor ran). */
  public void awaitCondition(String what, Supplier<Boolean> condition) {
    await(what, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
  }

  /**
   * Completes a task through the engine API as a member of staff (authenticated with the user's
   * groups, so authorizations and listeners see who did it): for steps a browser test has already
   * covered on another path.
   */
  public void completeAs(String userId, String taskId, Map<String, Object> variables) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
    try {
      taskService.complete(taskId, variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  public String assignee(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee();
  }

  public boolean taskOpen(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).count() > 0;
  }

  /** The instance a user started from Tasklist's start form (the newest). */
  public String awaitInstanceStartedBy(String user, String processKey, Instant after) {
    return await("instance of " + processKey + " started by " + user, () -> historyService
        .createHistoricProcessInstanceQuery().processDefinitionKey(processKey).startedBy(user)
        .startedAfter(java.util.Date.from(after.minusSeconds(1))).orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst().map(p -> p.getId()).orElse(null));
  }

  public void awaitEndEvent(String processInstanceId, String endEventId) {
    await("end event " + endEventId + " in " + processInstanceId, () -> historyService
        .createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(endEventId)
        .finished().count() > 0 ? Boolean.TRUE : null);
  }

  /** No job of the instance failed (a delegate that threw, an outside system that stayed down). */
  public void assertNoIncidents(String processInstanceId) {
    assertThat(runtimeService.createIncidentQuery().processInstanceId(processInstanceId).list())
        .as("incidents of %s", processInstanceId).isEmpty();
    assertThat(managementService.createJobQuery().processInstanceId(processInstanceId).withException().list())
        .as("failed jobs of %s", processInstanceId).isEmpty();
  }

  public Set<String> candidateGroups(String taskId) {
    Set<String> groups = new TreeSet<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(taskId)) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  /** The form the engine serves for the task reads only variables the task can see. */
  public FormSchema assertFormReadsOnlyTaskVariables(Task task) {
    FormSchema form;
    try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
      form = FormSchema.parse(task.getTaskDefinitionKey(), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> variables = taskService.getVariables(task.getId());
    Set<String> missing = new TreeSet<>(form.reads());
    missing.removeAll(variables.keySet());
    assertThat(missing).as("variables form %s reads that task %s does not have (it has %s)", form.id(),
        task.getTaskDefinitionKey(), new TreeSet<>(variables.keySet())).isEmpty();
    return form;
  }

  /**
   * In its own scope, the instance holds only declared process variables: a submitted form field
   * that no code reads and removes lands there and would stay behind. Task-local values and the
   * engine's variables of inner scopes (a multi-instance's loopCounter, nrOfInstances, element
   * variable) are not process variables.
   */
  public void assertOnlyDeclaredVariables(String processInstanceId) {
    List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list();
    Set<String> undeclared = new TreeSet<>();
    for (HistoricVariableInstance variable : variables) {
      boolean processScope = variable.getTaskId() == null && processInstanceId.equals(variable.getExecutionId());
      if (processScope && !ProcessVariables.declared().contains(variable.getName())) {
        undeclared.add(variable.getName());
      }
    }
    assertThat(undeclared).as("variables of %s that no declaration class declares (a form field that maps to"
        + " no variable of the process?)", processInstanceId).isEmpty();
  }

  /** Waits until {@code condition} holds, e.g. the outbox poller sent a mail. */
  public void awaitCondition(String what, BooleanSupplier condition) {
    await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  private static <T> T await(String what, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Waited " + WAIT.toSeconds() + " s for " + what);
  }
}
