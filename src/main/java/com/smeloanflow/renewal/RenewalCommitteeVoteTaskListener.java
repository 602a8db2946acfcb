package com.smeloanflow.renewal;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of 贷审会委员表决续贷: the member's vote and reasons ({@link RenewalCommitteeService}); refused
 * once the old loan matured ({@link RenewalDecisionDeadline}).
 */
@Component("renewalCommitteeVoteTask")
public class RenewalCommitteeVoteTaskListener implements TaskListener {

  public static final String VOTE = "renewalCommitteeVote";
  public static final String COMMENT = "renewalVoteComment";

  private final RenewalCommitteeService committee;
  private final RenewalDecisionDeadline deadline;

  public RenewalCommitteeVoteTaskListener(RenewalCommitteeService committee, RenewalDecisionDeadline deadline) {
    this.committee = committee;
    this.deadline = deadline;
  }

  @Override
  public void notify(DelegateTask task) {
    deadline.refuseOnceMatured(task);
    TaskForm form = TaskForm.of(task);
    RenewalCommitteeService.Vote vote = form.choice(VOTE, "表决意见", RenewalCommitteeService.Vote.class);
    String member = task.getAssignee() != null ? task.getAssignee() : TaskActor.of(task);
    committee.vote(task.getExecution().getProcessBusinessKey(), member, vote, form.text(COMMENT));
    form.discard(VOTE, COMMENT);
  }
}
