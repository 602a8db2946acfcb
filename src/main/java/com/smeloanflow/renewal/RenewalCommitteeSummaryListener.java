package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_SIZE;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (create) of 签发续贷贷审会决议: the tally and each member's vote, as read-only task-local values. */
@Component("renewalCommitteeSummary")
public class RenewalCommitteeSummaryListener implements TaskListener {

  /** The task-local values it sets. */
  public static final List<String> FORM_VALUES = List.of("renewalCommitteeTallyText", "renewalCommitteeVotesText",
      "renewalCommitteeAskText");

  private final RenewalCommitteeService committee;

  public RenewalCommitteeSummaryListener(RenewalCommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(committee.chairsView(task.getExecution().getProcessBusinessKey(), COMMITTEE_SIZE.from(task)));
  }
}
