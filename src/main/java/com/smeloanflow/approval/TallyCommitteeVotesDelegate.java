package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "统计贷审会表决": a majority to reject or to return decides by itself; a majority to approve,
 * a tie or abstentions go to the chair ({@link CommitteeService#conclude}).
 */
@Component("tallyCommitteeVotes")
public class TallyCommitteeVotesDelegate implements JavaDelegate {

  private final CommitteeService committee;

  public TallyCommitteeVotesDelegate(CommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CommitteeService.Outcome outcome = committee.conclude(execution.getProcessBusinessKey(), COMMITTEE_SIZE.from(execution));
    COMMITTEE_OUTCOME.set(execution, outcome.name());
    switch (outcome) {
      case REJECTED -> APPROVAL_OUTCOME.set(execution, ApprovalOutcome.REJECT.name());
      case RETURNED -> APPROVAL_OUTCOME.set(execution, ApprovalOutcome.RETURN.name());
      default -> { } // the chair decides
    }
  }
}
