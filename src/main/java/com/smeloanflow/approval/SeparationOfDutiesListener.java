package com.smeloanflow.approval;

import com.smeloanflow.identity.TaskRevocations;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.process.LoanOriginationProcess.Elements;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create, assignment, complete) on the approval tasks and the disbursement check: hides the task from
 * the people the {@link SeparationOfDuties} excludes ({@link TaskRevocations}, so Tasklist does not offer it to them),
 * refuses a claim, an assignment or a completion by such a person, and a
 * committee vote given to anyone but the member it was created for (a vote is personal: a team lead
 * cannot hand one member's vote to another). Which group may hold a task at all is checked for every
 * task by {@code platform.TaskCandidateGuard}.
 */
@Component("separationOfDutiesGuard")
public class SeparationOfDutiesListener implements TaskListener {

  /** The member a committee vote was created for (the multi-instance element variable). */
  static final String COMMITTEE_MEMBER = "committeeMember";

  private final SeparationOfDuties separation;

  public SeparationOfDutiesListener(SeparationOfDuties separation) {
    this.separation = separation;
  }

  @Override
  public void notify(DelegateTask task) {
    String applicationId = task.getExecution().getProcessBusinessKey();
    String taskKey = task.getTaskDefinitionKey();
    boolean disbursementCheck = Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS.equals(taskKey);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      (disbursementCheck ? separation.mayNotCheckDisbursement(applicationId) : separation.mayNotApprove(applicationId))
          .forEach(person -> TaskRevocations.hideFrom(task, person));
      return;
    }
    Set<String> people = TaskActor.involved(task);
    if (Elements.TASK_COMMITTEE_VOTE.equals(taskKey)) {
      CommitteeRoster.requireOwnVote(task.getVariable(COMMITTEE_MEMBER), people, "申请 " + applicationId,
          "application " + applicationId);
    }
    if (disbursementCheck) {
      separation.requireMayCheckDisbursement(applicationId, people);
    } else {
      separation.requireMayApprove(applicationId, people);
    }
  }
}
