package com.smeloanflow.approval;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of 补充审批所需信息: the question the approver or the chair returned the application with
 * ({@link ApprovalSummary#returnQuestionText}), as a read-only task-local value; no other task's form shows it.
 */
@Component("returnQuestionSummary")
public class ReturnQuestionSummaryListener implements TaskListener {

  /** The task-local values it sets. */
  public static final List<String> FORM_VALUES = List.of(ApprovalSummary.RETURN_QUESTION_TEXT);

  private final ApprovalSummary summary;

  public ReturnQuestionSummaryListener(ApprovalSummary summary) {
    this.summary = summary;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(summary.returnQuestionText(task.getExecution().getProcessBusinessKey()));
  }
}
