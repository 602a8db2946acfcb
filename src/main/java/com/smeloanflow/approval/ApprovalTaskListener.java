package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_OUTCOME;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "审批贷款申请" (complete): the approver's decision to {@link ApprovalService} — approve; approve with
 * conditions (a lower amount and/or a guarantor added); return to the processing centre with a question;
 * or reject with an internal reason and the reason the applicant is told.
 */
@Component("approvalTask")
public class ApprovalTaskListener implements TaskListener {

  private final ApprovalService approvals;

  public ApprovalTaskListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void notify(DelegateTask task) {
    ApprovalOutcome outcome = approvals.decide(ApprovalForm.read(task, ApprovalAuthority.APPROVER));
    ApprovalForm.discard(task);
    APPROVAL_OUTCOME.set(task.getExecution(), outcome.name());
  }
}
