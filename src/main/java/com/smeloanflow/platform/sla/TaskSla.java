package com.smeloanflow.platform.sla;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.EveryUserTaskListener;
import com.smeloanflow.platform.calendar.BankCalendar;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The SLA of every user task of every process: at creation the goal and the deadline of its task type
 * ({@link SlaTargets}) are counted in working hours on the bank calendar from now and set as the task's
 * follow-up date (goal) and due date (deadline) — a due date the model sets itself is the deadline and
 * stays — and the task shows {@link SlaState#ON_TRACK} in Tasklist's list. Someone moving either date
 * (a team lead in Tasklist) moves the SLA with it. Completion or deletion closes the record, which
 * keeps whether the goal and the deadline were met. {@link SlaMonitor} sends reminders and escalations.
 *
 * <p>As the bean {@code taskSla}, it gives a model's timer the due date a task of the type gets when created now
 * ({@link #dueDate}), so a deadline the business enforces with a boundary timer (the credit committee's vote) fires
 * when the tasks its members see are due: {@code <bpmn:timeDate>${taskSla.dueDate(execution,
 * 'UserTask_CommitteeVote')}</bpmn:timeDate>}. Such a timer then follows its tasks: a due date moved by hand moves it
 * to the latest deadline of the open tasks ({@link #timersFollow}); a rollout keeps it where it is.
 */
@Component
@Order(100)
public class TaskSla implements EveryUserTaskListener {

  private static final Logger log = LoggerFactory.getLogger(TaskSla.class);

  private final SlaTargets targets;
  private final TaskSlaRepository records;
  private final BankCalendar calendar;
  private final BusinessClock clock;
  private final TaskTeams teams;

  public TaskSla(SlaTargets targets, TaskSlaRepository records, BankCalendar calendar, BusinessClock clock, TaskTeams teams) {
    this.targets = targets;
    this.records = records;
    this.calendar = calendar;
    this.clock = clock;
    this.teams = teams;
  }

  @Override
  public Set<String> events() {
    return Set.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE,
        TaskListener.EVENTNAME_DELETE);
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> created(task);
      case TaskListener.EVENTNAME_UPDATE -> updated(task);
      case TaskListener.EVENTNAME_COMPLETE -> records.close(task.getId(), "COMPLETED", clock.now());
      case TaskListener.EVENTNAME_DELETE -> records.close(task.getId(), "CANCELLED", clock.now());
      default -> { }
    }
  }

  /**
   * For the models' timers: the due date a task {@code taskKey} of the execution's process gets when it is created
   * now (the engine clock), i.e. its type's SLA deadline counted in working hours on the bank calendar. A timer
   * created in the transaction that creates the task so falls due with it.
   */
  public Date dueDate(DelegateExecution execution, String taskKey) {
    String processKey = execution.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
    return Date.from(deadline(targets.timesFor(processKey, taskKey), clock.now()));
  }

  private Instant deadline(SlaTargets.Times times, Instant now) {
    return calendar.addWorkingTime(now, times.deadline());
  }

  private void created(DelegateTask task) {
    String processKey = task.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(task.getProcessDefinitionId()).getKey();
    SlaTargets.Times times = targets.timesFor(processKey, task.getTaskDefinitionKey());
    Instant now = clock.now();
    Instant deadline = task.getDueDate() != null ? task.getDueDate().toInstant() : deadline(times, now);
    Instant goal = calendar.addWorkingTime(now, times.goal());
    if (goal.isAfter(deadline)) {
      goal = null;
    }
    task.setDueDate(Date.from(deadline));
    task.setFollowUpDate(goal == null ? null : Date.from(goal));
    task.setVariableLocal(SlaState.VARIABLE, SlaState.ON_TRACK.label());
    List<String> candidateGroups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    List<String> teamIds = teams.teamsOfCandidateGroups(candidateGroups).stream().map(TaskTeams.Team::id).toList();
    records.insert(new TaskSlaRecord(task.getId(), task.getProcessInstanceId(), processKey, task.getTaskDefinitionKey(),
        task.getName(), task.getExecution().getProcessBusinessKey(), teamIds, now, goal, deadline, null, 0, null, null,
        "OPEN", null));
    log.debug("Task {} ({}/{}): goal {}, deadline {}, teams {}", task.getId(), processKey, task.getTaskDefinitionKey(), goal,
        deadline, teamIds);
  }

  private void updated(DelegateTask task) {
    records.find(task.getId()).filter(sla -> "OPEN".equals(sla.state())).ifPresent(sla -> {
      Instant goal = task.getFollowUpDate() == null ? null : task.getFollowUpDate().toInstant();
      Instant deadline = task.getDueDate() == null ? sla.deadlineAt() : task.getDueDate().toInstant();
      if (!Objects.equals(goal, sla.goalAt()) || !deadline.equals(sla.deadlineAt())) {
        records.reschedule(task.getId(), goal, deadline, clock.now());
        log.info("Task {}: SLA moved to goal {}, deadline {}", task.getId(), goal, deadline);
      }
      if (!deadline.equals(sla.deadlineAt())) {
        timersFollow(task, deadline);
      }
    });
  }

  /**
   * A boundary timer of the task's activity whose due date is {@code ${taskSla.dueDate(execution, '<the task's key>')}}
   * (the credit committee's 表决期限已到) follows the deadlines of its tasks: when one of them is moved (its due date set in
   * Tasklist or with {@code PUT /engine-rest/task/{id}}), the timer is set to the latest deadline of the instance's open
   * tasks of that key, later or earlier than before (a deadline already past ends the vote at the next job acquisition).
   * A task whose due date was removed keeps its SLA deadline, so removing one moves nothing.
   */
  private void timersFollow(DelegateTask task, Instant movedDeadline) {
    String key = task.getTaskDefinitionKey();
    ProcessEngineServices engine = task.getProcessEngineServices();
    String expression = "taskSla.dueDate(execution,'" + key + "')";
    List<String> timers = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementsByType(BoundaryEvent.class).stream()
        .filter(event -> event.getAttachedTo() != null && key.equals(event.getAttachedTo().getId()))
        .filter(event -> event.getEventDefinitions().stream().anyMatch(definition ->
            definition instanceof TimerEventDefinition timer && timer.getTimeDate() != null
                && timer.getTimeDate().getTextContent().replaceAll("\\s", "").contains(expression)))
        .map(BoundaryEvent::getId).toList();
    if (timers.isEmpty()) {
      return;
    }
    Instant latest = movedDeadline;
    for (Task other : engine.getTaskService().createTaskQuery().processInstanceId(task.getProcessInstanceId())
        .taskDefinitionKey(key).list()) {
      Instant deadline = other.getId().equals(task.getId()) ? null : other.getDueDate() != null ? other.getDueDate().toInstant()
          : records.find(other.getId()).map(TaskSlaRecord::deadlineAt).orElse(null);
      if (deadline != null && deadline.isAfter(latest)) {
        latest = deadline;
      }
    }
    ManagementService management = engine.getManagementService();
    for (String timer : timers) {
      for (Job job : management.createJobQuery().processInstanceId(task.getProcessInstanceId()).activityId(timer).timers().list()) {
        if (!latest.equals(job.getDuedate().toInstant())) {
          management.setJobDuedate(job.getId(), Date.from(latest));
          log.info("Instance {} ({}): timer {} moved from {} to {}, the latest deadline of its open tasks {}",
              task.getProcessInstanceId(), task.getExecution().getProcessBusinessKey(), timer, job.getDuedate().toInstant(),
              latest, key);
        }
      }
    }
  }
}
