package com.smeloanflow.renewal;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.process.LoanRenewalProcess.Elements;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (assignment, complete) on every task that decides a renewal (审批续贷申请, the committee's
 * votes, 签发续贷贷审会决议, 复核续贷金额): refuses a claim, an assignment or a completion by a person
 * {@link RenewalSeparationOfDuties} excludes, and a committee vote worked by anyone but the member it was
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
    Set<String> people = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      people.add(task.getAssignee());
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      people.add(TaskActor.of(task));
    }
    String loanId = task.getExecution().getProcessBusinessKey();
    if (Elements.TASK_COMMITTEE_VOTE.equals(task.getTaskDefinitionKey())) {
      Object member = task.getVariable(LoanRenewalProcess.COMMITTEE_MEMBER);
      for (String person : people) {
        if (!person.equals(member)) {
          throw new AuthorizationException("续贷贷审会表决只能由委员 " + member + " 本人办理, " + person + " 不能代为表决 (贷款 "
              + loanId + ")");
        }
      }
    }
    for (String person : people) {
      separation.requireMayDecide(loanId, person);
    }
  }
}
