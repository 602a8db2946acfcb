package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.APPROVED;

import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of 审批续贷申请 (the approver's decision); the chair's 签发续贷贷审会决议 signs the committee's
 * resolution or vetoes it with the same fields and rules, through {@link RenewalCommitteeResolutionTaskListener}. Refused
 * once the old loan matured ({@link RenewalDecisionDeadline}).
 */
@Component("approveRenewalTask")
public class ApproveRenewalTaskListener implements TaskListener {

  public static final String DECISION = "renewalDecision";
  public static final String CUSTOMER_REASON = "renewalCustomerReason";
  public static final String NOTE = "renewalDecisionNote";
  static final String APPROVE = "APPROVE";
  static final String DECLINE = "DECLINE";

  private final RenewalApprovalService approval;
  private final RenewalDecisionDeadline deadline;

  public ApproveRenewalTaskListener(RenewalApprovalService approval, RenewalDecisionDeadline deadline) {
    this.approval = approval;
    this.deadline = deadline;
  }

  @Override
  public void notify(DelegateTask task) {
    deadline.refuseOnceMatured(task);
    TaskForm form = TaskForm.of(task);
    boolean approve = APPROVE.equals(form.choice(DECISION, "审批结论", Set.of(APPROVE, DECLINE)));
    CustomerReason reason = approve ? null : form.optionalChoice(CUSTOMER_REASON, "告知借款人的原因", CustomerReason.class);
    APPROVED.set(task.getExecution(), approval.decide(new DecideRenewal(task.getExecution().getProcessBusinessKey(), approve,
        reason, form.text(NOTE), TaskActor.of(task))));
    form.discard(DECISION, CUSTOMER_REASON, NOTE);
  }
}
