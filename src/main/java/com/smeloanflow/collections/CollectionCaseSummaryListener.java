package com.smeloanflow.collections;

import com.smeloanflow.process.ProcessVariable;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (create) of every collection task: the case file as read-only task-local values for its form. */
@Component("collectionCaseSummary")
public class CollectionCaseSummaryListener implements TaskListener {

  private final CollectionFormValues values;

  public CollectionCaseSummaryListener(CollectionFormValues values) {
    this.values = values;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> summary = values.of(task.getExecution().getProcessBusinessKey());
    ProcessVariable.trusted(() -> {
      task.setVariablesLocal(summary);
      return null;
    });
  }
}
