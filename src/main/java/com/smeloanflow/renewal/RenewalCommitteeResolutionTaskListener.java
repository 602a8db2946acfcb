package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_REVOTE;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of 签发续贷贷审会决议, by the committee's chair: signs the resolution or vetoes it (the
 * approver's decision, {@link ApproveRenewalTaskListener}), or, after a deadline with no vote cast, reopens the vote for
 * the members ({@link RenewalCommitteeService#requireChairMay}), the chair's 决议意见 its reason, recorded with who and when
 * for staff ({@link RenewalCommitteeService#reopen}). Refused once the old loan matured
 * ({@link RenewalDecisionDeadline}).
 */
@Component("renewalCommitteeResolutionTask")
public class RenewalCommitteeResolutionTaskListener implements TaskListener {

  /** 提交贷审会重新表决: the chair's answer when nobody voted by the deadline. */
  public static final String REVOTE = "REVOTE";

  private final RenewalCommitteeService committee;
  private final ApproveRenewalTaskListener decision;
  private final RenewalDecisionDeadline deadline;

  public RenewalCommitteeResolutionTaskListener(RenewalCommitteeService committee, ApproveRenewalTaskListener decision,
      RenewalDecisionDeadline deadline) {
    this.committee = committee;
    this.decision = decision;
    this.deadline = deadline;
  }

  @Override
  public void notify(DelegateTask task) {
    deadline.refuseOnceMatured(task);
    String loanId = task.getExecution().getProcessBusinessKey();
    TaskForm form = TaskForm.of(task);
    boolean reopen = REVOTE.equals(form.choice(ApproveRenewalTaskListener.DECISION, "决议",
        Set.of(ApproveRenewalTaskListener.APPROVE, ApproveRenewalTaskListener.DECLINE, REVOTE)));
    if (reopen) {
      committee.reopen(loanId, TaskActor.of(task), form.text(ApproveRenewalTaskListener.NOTE));
      COMMITTEE_REVOTE.set(task.getExecution(), true);
      form.discard(ApproveRenewalTaskListener.DECISION, ApproveRenewalTaskListener.CUSTOMER_REASON,
          ApproveRenewalTaskListener.NOTE);
      return;
    }
    committee.requireChairMay(loanId, false);
    COMMITTEE_REVOTE.set(task.getExecution(), false);
    decision.notify(task);
  }
}
