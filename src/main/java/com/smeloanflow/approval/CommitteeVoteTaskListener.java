package com.smeloanflow.approval;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "贷审会委员投票" (complete): one vote per member — approve, approve with conditions (a lower amount,
 * conditions), return for information, or reject — with the member's reasons.
 */
@Component("committeeVoteTask")
public class CommitteeVoteTaskListener implements TaskListener {

  static final String VOTE = "committeeVote";
  static final String COMMENT = "voteComment";
  static final String PROPOSED_AMOUNT = "proposedAmount";
  static final String PROPOSED_CONDITIONS = "proposedConditions";

  private final CommitteeService committee;

  public CommitteeVoteTaskListener(CommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    ApprovalOutcome vote = form.choice(VOTE, "表决意见", ApprovalOutcome.class);
    boolean conditional = vote == ApprovalOutcome.APPROVE_WITH_CONDITIONS;
    String member = task.getAssignee() != null ? task.getAssignee() : TaskActor.of(task);
    committee.vote(new CommitteeService.Vote(task.getExecution().getProcessBusinessKey(), member, vote, form.text(COMMENT),
        conditional ? form.money(PROPOSED_AMOUNT, "建议批准金额") : null, conditional ? form.text(PROPOSED_CONDITIONS) : null));
    form.discard(VOTE, COMMENT, PROPOSED_AMOUNT, PROPOSED_CONDITIONS);
  }
}
