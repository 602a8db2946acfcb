package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.casefile.ApplicationChecks;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "贷审会委员投票" (complete): one vote per member, approve or reject, with a comment. */
@Component("committeeVoteTask")
public class CommitteeVoteTaskListener implements TaskListener {

  static final String VOTE = "committeeVote";
  static final String COMMENT = "voteComment";

  private final CommitteeService committee;
  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public CommitteeVoteTaskListener(CommitteeService committee, ApplicationChecks checks, ApplicationHistory history) {
    this.committee = committee;
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String vote = form.choice(VOTE, "表决意见", Set.of(CommitteeService.APPROVE, CommitteeService.REJECT));
    String comment = form.requiredText(COMMENT, "表决理由");
    String applicationId = APPLICATION_ID.from(task);
    String member = task.getAssignee() != null ? task.getAssignee() : TaskActor.of(task);
    committee.vote(applicationId, member, vote, comment);
    checks.record(applicationId, ApprovalChecks.COMMITTEE_VOTE, 1, vote, member, null, comment);
    history.record(applicationId, member, "COMMITTEE_VOTE_" + vote, comment);
    form.discard(VOTE, COMMENT);
  }
}
