package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.APPROVED;
import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_OUTCOME;
import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_SIZE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 统计续贷表决结果: a majority to reject declines by itself; a majority to approve, a tie or the deadline go to the chair. */
@Component("tallyRenewalCommitteeVotes")
public class TallyRenewalCommitteeVotesDelegate implements JavaDelegate {

  private final RenewalCommitteeService committee;

  public TallyRenewalCommitteeVotesDelegate(RenewalCommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RenewalCommitteeService.Outcome outcome = committee.conclude(execution.getProcessBusinessKey(), COMMITTEE_SIZE.from(execution));
    COMMITTEE_OUTCOME.set(execution, outcome.name());
    if (outcome == RenewalCommitteeService.Outcome.REJECTED) {
      APPROVED.set(execution, false);
    }
  }
}
