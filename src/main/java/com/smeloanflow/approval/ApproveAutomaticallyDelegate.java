package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "模型自动审批": the approval-authority table routed AUTO; the model approves the requested amount. */
@Component("approveAutomatically")
public class ApproveAutomaticallyDelegate implements JavaDelegate {

  private final ApprovalService approvals;

  public ApproveAutomaticallyDelegate(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvals.decide(APPLICATION_ID.from(execution), ApprovalChecks.APPROVAL, ApprovalService.APPROVE, ApprovalService.MODEL,
        null, null, null, null, "模型自动审批: " + ROUTE_REASON.fromOrNull(execution));
    APPROVAL_DECISION.set(execution, ApprovalService.APPROVE);
  }
}
