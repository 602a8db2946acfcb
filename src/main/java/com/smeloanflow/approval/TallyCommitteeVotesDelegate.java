package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "统计贷审会表决": a majority approves or rejects; otherwise (a tie, or abstentions)
 * the committee has not decided and a team lead resolves it.
 */
@Component("tallyCommitteeVotes")
public class TallyCommitteeVotesDelegate implements JavaDelegate {

  private final CommitteeService committee;
  private final ApprovalService approvals;

  public TallyCommitteeVotesDelegate(CommitteeService committee, ApprovalService approvals) {
    this.committee = committee;
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    CommitteeService.Tally tally = committee.tally(applicationId, COMMITTEE_SIZE.from(execution));
    String summary = "同意 " + tally.approvals() + " 票, 反对 " + tally.rejections() + " 票, 委员 " + tally.size() + " 人";
    if (tally.approved()) {
      approvals.decide(applicationId, "COMMITTEE_RESOLUTION", ApprovalService.APPROVE, "credit-committee", null, null,
          null, null, summary);
      APPROVAL_DECISION.set(execution, ApprovalService.APPROVE);
    } else if (tally.rejected()) {
      approvals.decide(applicationId, "COMMITTEE_RESOLUTION", ApprovalService.REJECT, "credit-committee", null, null,
          null, null, summary);
      APPROVAL_DECISION.set(execution, ApprovalService.REJECT);
      ROUTE_REASON.set(execution, "贷审会表决未通过 (" + summary + ")");
    }
    COMMITTEE_DECIDED.set(execution, tally.approved() || tally.rejected());
  }
}
