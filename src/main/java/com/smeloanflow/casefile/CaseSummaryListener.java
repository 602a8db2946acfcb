package com.smeloanflow.casefile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.smeloanflow.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of every origination task: what the form shows about the application, as
 * task-local variables gathered from each stage's {@link TaskSummaryContributor}. Business data stays
 * in the tables; the task carries a read-only copy that disappears with it.
 */
@Component("caseSummary")
public class CaseSummaryListener implements TaskListener {

  private final List<TaskSummaryContributor> contributors;

  public CaseSummaryListener(List<TaskSummaryContributor> contributors) {
    this.contributors = contributors;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = summary(task.getExecution().getProcessBusinessKey());
    ProcessVariable.trusted(() -> {
      task.setVariablesLocal(values);
      return null;
    });
  }

  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    contributors.forEach(contributor -> values.putAll(contributor.summary(applicationId)));
    return values;
  }
}
