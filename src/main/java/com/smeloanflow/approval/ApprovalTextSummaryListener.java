package com.smeloanflow.approval;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of 审核放款条件: what was approved ({@link ApprovalSummary#approvalText}), as a read-only
 * task-local value; no other task's form shows it.
 */
@Component("approvalTextSummary")
public class ApprovalTextSummaryListener implements TaskListener {

  /** The task-local values it sets. */
  public static final List<String> FORM_VALUES = List.of(ApprovalSummary.APPROVAL_TEXT);

  private final ApprovalSummary summary;

  public ApprovalTextSummaryListener(ApprovalSummary summary) {
    this.summary = summary;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(summary.approvalText(task.getExecution().getProcessBusinessKey()));
  }
}
