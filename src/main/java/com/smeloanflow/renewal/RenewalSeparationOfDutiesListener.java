package com.smeloanflow.renewal;

import com.smeloanflow.approval.CommitteeRoster;
import com.smeloanflow.identity.TaskRevocations;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.LoanRenewalProcess.Elements;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create, assignment, complete) on every task that decides a renewal (审批续贷申请, the committee's
 * votes, 签发续贷贷审会决议, 复核续贷金额): hides the task from the people {@link RenewalSeparationOfDuties} excludes
 * ({@link TaskRevocations}, so Tasklist does not offer it to them), refuses a claim, an assignment or a completion by
 * such a person, and a committee vote worked by anyone but the member it was
 * created for. In the model, not in a controller, so it holds for Tasklist, the engine REST API and the
 * Java API alike; the task stays open.
 */
@Component("renewalSeparationOfDutiesGuard")
public class RenewalSeparationOfDutiesListener implements TaskListener {

  private final RenewalSeparationOfDuties separation;

  public RenewalSeparationOfDutiesListener(RenewalSeparationOfDuties separation) {
    this.separation = separation;
  }

  @Override
  public void notify(DelegateTask task) {
    String loanId = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      separation.mayNotDecide(loanId).forEach(person -> TaskRevocations.hideFrom(task, person));
      return;
    }
    Set<String> people = TaskActor.involved(task);
    if (Elements.TASK_COMMITTEE_VOTE.equals(task.getTaskDefinitionKey())) {
      CommitteeRoster.requireOwnVote(task.getVariable(LoanRenewalProcess.COMMITTEE_MEMBER), people, "借据 " + loanId + " 续贷",
          "the renewal of loan " + loanId);
    }
    separation.requireMayDecide(loanId, people);
  }
}
