package com.smeloanflow.intake;

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

  public ApplicationQueryService(LoanApplicationRepository applications, TaskService taskService,
      HistoryService historyService) {
    this.applications = applications;
    this.taskService = taskService;
    this.historyService = historyService;
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
        null, null, application.submittedAt());
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
