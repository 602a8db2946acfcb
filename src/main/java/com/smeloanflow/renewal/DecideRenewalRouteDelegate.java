package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.APPROVED;
import static com.smeloanflow.process.LoanRenewalProcess.Variables.APPROVER_GROUP;
import static com.smeloanflow.process.LoanRenewalProcess.Variables.PERSON_APPROVES;
import static com.smeloanflow.process.LoanRenewalProcess.Variables.ROUTE;

import com.smeloanflow.processing.ApprovalRoute;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 确定续贷审批路径: the authority table routes the renewal; the model's approval or decline is recorded at once. */
@Component("decideRenewalRoute")
public class DecideRenewalRouteDelegate implements JavaDelegate {

  private final RenewalApprovalService approval;

  public DecideRenewalRouteDelegate(RenewalApprovalService approval) {
    this.approval = approval;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalRoute route = approval.route(execution.getProcessBusinessKey());
    ROUTE.set(execution, route.route().name());
    PERSON_APPROVES.set(execution, route.personApproves());
    if (route.approverGroup() != null) {
      APPROVER_GROUP.set(execution, route.approverGroup());
    }
    if (!route.personApproves()) {
      APPROVED.set(execution, route.route() == ApprovalRoute.AUTO);
    }
  }
}
