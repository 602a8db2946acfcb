package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.COMMITTEE_SIZE;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of 签发贷审会决议: the tally, each member's vote and what is asked of the chair
 * ({@link CommitteeService#chairsView}), as read-only task-local values; no other task's form shows them.
 */
@Component("committeeResolutionSummary")
public class CommitteeResolutionSummaryListener implements TaskListener {

  /** The task-local values it sets. */
  public static final List<String> FORM_VALUES = List.of("committeeVotesText", "committeeTallyText", "committeeAskText");

  private final CommitteeService committee;

  public CommitteeResolutionSummaryListener(CommitteeService committee) {
    this.committee = committee;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(committee.chairsView(task.getExecution().getProcessBusinessKey(), COMMITTEE_SIZE.from(task)));
  }
}
