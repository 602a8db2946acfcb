package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_OUTCOME;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "模型自动审批": approval-authority routed AUTO; the model approves the requested amount. */
@Component("approveAutomatically")
public class ApproveAutomaticallyDelegate implements JavaDelegate {

  private final ApprovalService approvals;

  public ApproveAutomaticallyDelegate(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvals.approveByModel(execution.getProcessBusinessKey());
    APPROVAL_OUTCOME.set(execution, ApprovalOutcome.APPROVE.name());
  }
}
