package com.smeloanflow.accountability;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of "尽职免责认定": the loan, what each officer saw when they decided and the
 * exemption criteria as assessed now (kept as the criteria the review was opened under), as read-only task-local
 * values for the form.
 */
@Component("dueDiligenceSummary")
public class DueDiligenceSummaryListener implements TaskListener {

  private final DueDiligenceReviewService reviews;

  public DueDiligenceSummaryListener(DueDiligenceReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(reviews.opening(task.getExecution().getProcessBusinessKey()));
  }
}
