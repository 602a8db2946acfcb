package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_OUTCOME;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.COMMITTEE_SIZE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "签发贷审会决议" (complete), by the committee's chair: after a majority approved, the chair signs the
 * resolution (approve, or approve with the conditions the members proposed, never above the amount a member's vote
 * approved), returns it, or vetoes it; after a tie or the deadline, the chair's decision is the casting vote, and after
 * a deadline with no vote cast only a return, the committee voting again ({@link CommitteeService#resolve}). Only the committee's authority decides loans above the SME unit's: never a team lead.
 */
@Component("committeeResolutionTask")
public class CommitteeResolutionTaskListener implements TaskListener {

  private final CommitteeService committee;

  public CommitteeResolutionTaskListener(CommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void notify(DelegateTask task) {
    ApprovalOutcome outcome = committee.resolve(ApprovalForm.read(task, ApprovalAuthority.COMMITTEE),
        COMMITTEE_SIZE.from(task.getExecution()));
    ApprovalForm.discard(task);
    APPROVAL_OUTCOME.set(task.getExecution(), outcome.name());
  }
}
