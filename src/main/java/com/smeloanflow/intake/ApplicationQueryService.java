package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationHistory;

import com.smeloanflow.process.LoanOriginationProcess;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/** Reads an application with where it stands in its process. */
@Service
public class ApplicationQueryService {

  private final LoanApplicationRepository applications;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ApplicationDecisionReader decisions;
  private final ApplicationHistory history;

  public ApplicationQueryService(LoanApplicationRepository applications, TaskService taskService,
      HistoryService historyService, ApplicationDecisionReader decisions, ApplicationHistory history) {
    this.applications = applications;
    this.taskService = taskService;
    this.historyService = historyService;
    this.decisions = decisions;
    this.history = history;
  }

  /** One entry of who did what when: a business event, or a person's task from Camunda's history. */
  public record HistoryEntry(java.time.Instant at, String actor, String what, String detail) {}

  /** The application's business events and its tasks (who worked them, from when to when), in time order. */
  public List<HistoryEntry> history(String applicationId) {
    applications.get(applicationId);
    java.util.ArrayList<HistoryEntry> entries = new java.util.ArrayList<>();
    history.of(applicationId).forEach(e -> entries.add(new HistoryEntry(e.occurredAt(), e.actor(), e.eventType(), e.detail())));
    historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(applicationId).list().forEach(t ->
        entries.add(new HistoryEntry(t.getStartTime().toInstant(), t.getAssignee() == null ? "-" : t.getAssignee(),
            "TASK " + t.getName(), t.getEndTime() == null ? "进行中" : "完成于 " + t.getEndTime().toInstant()
                + (t.getDeleteReason() == null || "completed".equals(t.getDeleteReason()) ? "" : " (" + t.getDeleteReason() + ")"))));
    entries.sort(java.util.Comparator.comparing(HistoryEntry::at));
    return entries;
  }

  public ApplicationView view(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    List<String> openTasks = taskService.createTaskQuery()
        .processInstanceBusinessKey(applicationId)
        .processDefinitionKey(LoanOriginationProcess.KEY)
        .orderByTaskCreateTime().asc()
        .list().stream().map(Task::getName).toList();
    List<String> stage = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId(applicationId))
        .unfinished()
        .orderByHistoricActivityInstanceStartTime().asc()
        .list().stream()
        .map(HistoricActivityInstance::getActivityName)
        .filter(name -> name != null && !name.isBlank())
        .distinct()
        .toList();
    return new ApplicationView(application.id(), application.status(), application.status().label(),
        application.product().name(), application.requestedAmount(), application.termMonths(),
        application.branchCode(), stage, openTasks,
        application.missingDocuments().stream().map(RequiredDocument::label).toList(),
        decisions.decision(applicationId).orElse(null), decisions.loanId(applicationId).orElse(null),
        application.submittedAt());
  }

  private String processInstanceId(String applicationId) {
    var instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(applicationId)
        .processDefinitionKey(LoanOriginationProcess.KEY)
        .singleResult();
    // A query for an id that matches nothing returns no activities.
    return instance == null ? "-" : instance.getId();
  }
}
