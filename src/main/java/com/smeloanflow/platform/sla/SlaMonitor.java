package com.smeloanflow.platform.sla;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.calendar.BankCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the SLA reminders and escalations that are due: called by {@link SlaSchedule} on every node, and
 * by tests after moving the engine clock.
 *
 * <ul>
 *   <li><b>Goal passed</b>: a reminder to the assignee (a task nobody has taken: to the team's leads), the
 *       task shows {@link SlaState#GOAL_PASSED}. Once.</li>
 *   <li><b>Deadline passed</b>: a mail to each lead of the task's teams, the priority raised by
 *       {@code escalation-priority-step} (at most 100), the task shows {@link SlaState#ESCALATED}; again
 *       every {@code escalation-repeat} of working time while the task stays open.</li>
 * </ul>
 *
 * Why a poller and not engine timers: the dates live on the task, where a team lead may move them in
 * Tasklist at any time; a timer would keep the old date, the poller reads the current one. It needs no
 * element in any model, so it holds for every task of every process, and the repetition is one column.
 * Each task is handled in its own transaction: the claim (a conditional UPDATE, so of several nodes
 * exactly one sends), the mails (outbox, sent apart) and the task's priority and state commit together;
 * a task whose reminder fails (whatever the cause) is rolled back alone and retried at the next run.
 */
@Service
public class SlaMonitor {

  private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);
  static final int MAX_PRIORITY = 100;

  private final TaskSlaRepository records;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final SlaMail mail;
  private final TaskTeams teams;
  private final BankCalendar calendar;
  private final BusinessClock clock;
  private final SlaProperties properties;
  private final TransactionTemplate ownTransaction;

  public SlaMonitor(TaskSlaRepository records, TaskService taskService, RepositoryService repositoryService, SlaMail mail,
      TaskTeams teams, BankCalendar calendar, BusinessClock clock, SlaProperties properties,
      PlatformTransactionManager transactions) {
    this.records = records;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.mail = mail;
    this.teams = teams;
    this.calendar = calendar;
    this.clock = clock;
    this.properties = properties;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** What a run did. */
  public record Run(int reminders, int escalations) {}

  /** Sends the due reminders and escalations (up to {@code batch-size} of each). */
  public Run runDue() {
    Instant now = clock.now();
    int reminded = 0;
    for (String taskId : records.dueReminders(now, properties.batchSize())) {
      if (handle(taskId, true)) {
        reminded++;
      }
    }
    int escalated = 0;
    for (String taskId : records.dueEscalations(now, properties.batchSize())) {
      if (handle(taskId, false)) {
        escalated++;
      }
    }
    return new Run(reminded, escalated);
  }

  private boolean handle(String taskId, boolean reminder) {
    try {
      Boolean done = ownTransaction.execute(tx -> reminder ? remind(taskId) : escalate(taskId));
      return Boolean.TRUE.equals(done);
    } catch (RuntimeException e) {
      // Any failure of one task's reminder (the engine, the database, a mail that cannot be rendered) rolls back that
      // task's claim only: it is retried at the next run, and the other due tasks of this run are still handled.
      log.error("SLA {} of task {} failed; retried at the next run", reminder ? "reminder" : "escalation", taskId, e);
      return false;
    }
  }

  private boolean remind(String taskId) {
    Instant now = clock.now();
    if (!records.claimReminder(taskId, now)) {
      return false;
    }
    TaskSlaRecord sla = records.find(taskId).orElseThrow();
    Task task = openTask(sla, now);
    if (task == null) {
      return false;
    }
    List<TaskTeams.StaffMember> recipients = new ArrayList<>();
    String reason;
    if (task.getAssignee() != null) {
      teams.member(task.getAssignee()).ifPresent(recipients::add);
      reason = "您办理的任务已到目标办理时间，尚未办结。";
    } else {
      sla.teams().forEach(team -> recipients.addAll(teams.leadsOf(team)));
      reason = "任务已到目标办理时间，仍无人领取，请安排岗位人员领取办理。";
    }
    Map<String, String> values = values(sla, task);
    values.put("reminderReason", reason);
    values.put("goalAt", sla.goalAt() == null ? "无" : ChineseDates.minute(sla.goalAt()));
    int sent = send(sla, SlaMail.Kind.REMINDER, recipients, values);
    if (SlaState.ofLabel(String.valueOf(taskService.getVariableLocal(taskId, SlaState.VARIABLE))).orElse(SlaState.ON_TRACK)
        == SlaState.ON_TRACK) {
      taskService.setVariableLocal(taskId, SlaState.VARIABLE, SlaState.GOAL_PASSED.label());
    }
    log.info("Task {} ({} {}): goal passed, {} reminder(s) queued", taskId, sla.taskName(), sla.businessKey(), sent);
    return true;
  }

  private boolean escalate(String taskId) {
    Instant now = clock.now();
    TaskSlaRecord before = records.find(taskId).orElse(null);
    if (before == null) {
      return false;
    }
    Instant next = calendar.addWorkingTime(now, properties.escalationRepeat());
    if (!records.claimEscalation(taskId, before.escalations(), now, next)) {
      return false;
    }
    Task task = openTask(before, now);
    if (task == null) {
      return false;
    }
    int count = before.escalations() + 1;
    int priority = Math.min(MAX_PRIORITY, task.getPriority() + properties.escalationPriorityStep());
    taskService.setPriority(taskId, priority);
    taskService.setVariableLocal(taskId, SlaState.VARIABLE, SlaState.ESCALATED.label());
    List<TaskTeams.StaffMember> leads = new ArrayList<>();
    before.teams().forEach(team -> leads.addAll(teams.leadsOf(team)));
    Map<String, String> values = values(before, task);
    values.put("overdueText", hoursText(calendar.workingTimeBetween(before.deadlineAt(), now)));
    values.put("escalationCount", String.valueOf(count));
    values.put("priority", String.valueOf(priority));
    values.put("repeatText", hoursText(properties.escalationRepeat()));
    int sent = send(before, SlaMail.Kind.ESCALATION, leads, values);
    if (leads.isEmpty()) {
      log.warn("Task {} ({} {}) is overdue but its teams {} have no lead to tell: add one to the team's lead group",
          taskId, before.taskName(), before.businessKey(), before.teams());
    }
    log.info("Task {} ({} {}): deadline passed, escalation {} to {} lead(s), priority {}", taskId, before.taskName(),
        before.businessKey(), count, sent, priority);
    return true;
  }

  /** The task, or null when it ended without the SLA hearing of it (then its record is closed). */
  private Task openTask(TaskSlaRecord sla, Instant now) {
    Task task = taskService.createTaskQuery().taskId(sla.taskId()).singleResult();
    if (task == null) {
      records.close(sla.taskId(), "CANCELLED", now);
      log.info("Task {} no longer exists; its SLA record is closed", sla.taskId());
    }
    return task;
  }

  private Map<String, String> values(TaskSlaRecord sla, Task task) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("taskName", task.getName() == null ? sla.taskKey() : task.getName());
    values.put("processName", processName(task.getProcessDefinitionId()));
    values.put("caseId", caseId(sla));
    values.put("teamName", sla.teams().isEmpty() ? "无" : String.join("、", sla.teams().stream()
        .map(id -> teams.team(id).map(TaskTeams.Team::name).orElse(id)).toList()));
    values.put("assigneeText", task.getAssignee() == null ? "无人领取"
        : teams.member(task.getAssignee()).map(TaskTeams.StaffMember::name).orElse(task.getAssignee()));
    values.put("deadlineAt", ChineseDates.minute(task.getDueDate() == null ? sla.deadlineAt() : task.getDueDate().toInstant()));
    return values;
  }

  private int send(TaskSlaRecord sla, SlaMail.Kind kind, List<TaskTeams.StaffMember> recipients, Map<String, String> values) {
    int sent = 0;
    for (TaskTeams.StaffMember recipient : recipients.stream().distinct().toList()) {
      if (recipient.email().isEmpty()) {
        log.warn("Task {}: {} has no mail address; no {} sent to them", sla.taskId(), recipient.userId(), kind);
        continue;
      }
      Map<String, String> personal = new LinkedHashMap<>(values);
      personal.put("recipientName", recipient.name());
      mail.queue(kind, caseId(sla), recipient.email().get(), personal);
      sent++;
    }
    return sent;
  }

  private String processName(String processDefinitionId) {
    String name = repositoryService.getProcessDefinition(processDefinitionId).getName();
    return name == null ? processDefinitionId : name;
  }

  /** The mail's case: the business key (application, loan or prospect id) that fits the outbox's case id. */
  private static String caseId(TaskSlaRecord sla) {
    String key = sla.businessKey() != null ? sla.businessKey() : sla.processInstanceId();
    return key.length() <= 32 ? key : key.substring(0, 32);
  }

  private static String hoursText(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes < 60 ? minutes + " 分钟(工作时间)" : (minutes / 60) + " 小时" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " 分钟")
        + "(工作时间)";
  }
}
