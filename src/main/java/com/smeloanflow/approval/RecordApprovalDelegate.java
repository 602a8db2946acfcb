package com.smeloanflow.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "记录审批结果": the application is approved and goes to contract. */
@Component("recordApproval")
public class RecordApprovalDelegate implements JavaDelegate {

  private final ApprovalService approvals;

  public RecordApprovalDelegate(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvals.confirm(execution.getProcessBusinessKey());
  }
}
