package com.smeloanflow.casefile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.smeloanflow.process.ProcessVariable;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of every origination task: what the form shows about the application, as
 * task-local variables gathered from each stage's {@link TaskSummaryContributor}. Business data stays
 * in the tables; the task carries a read-only copy that disappears with it.
 */
@Component("caseSummary")
public class CaseSummaryListener implements TaskListener {

  private final List<TaskSummaryContributor> contributors;
  private final TaskService taskService;

  public CaseSummaryListener(List<TaskSummaryContributor> contributors, TaskService taskService) {
    this.contributors = contributors;
    this.taskService = taskService;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = summary(task.getExecution().getProcessBusinessKey());
    ProcessVariable.trusted(() -> {
      task.setVariablesLocal(values);
      return null;
    });
  }

  /**
   * Brings the forms of the application's open tasks up to date when what they show changed while the task waits (the
   * applicant uploaded part of the documents the branch waits for): each task gets the values it was created with,
   * read again.
   */
  public void refreshOpenTasks(String applicationId) {
    Map<String, Object> values = summary(applicationId);
    for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(applicationId).list()) {
      Map<String, Object> shown = new LinkedHashMap<>(values);
      shown.keySet().retainAll(taskService.getVariablesLocal(task.getId(), values.keySet()).keySet());
      if (!shown.isEmpty()) {
        ProcessVariable.trusted(() -> {
          taskService.setVariablesLocal(task.getId(), shown);
          return null;
        });
      }
    }
  }

  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    contributors.forEach(contributor -> values.putAll(contributor.summary(applicationId)));
    return values;
  }
}
