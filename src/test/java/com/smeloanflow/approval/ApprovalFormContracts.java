package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_DECISION;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.RETURN_QUESTION;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.List;

/** Approval forms, from their listeners' fields. */
public final class ApprovalFormContracts {

  private ApprovalFormContracts() {}

  public static List<FormContract> all() {
    return List.of(
        FormContract.of("approve-loan", List.of(APPROVAL_DECISION.name(), ApprovalTaskListener.APPROVED_AMOUNT,
            ApprovalTaskListener.CONDITION_GUARANTEE, ApprovalTaskListener.CONDITIONS, ApprovalTaskListener.REPAYMENT_METHOD,
            RETURN_QUESTION.name(), ApprovalTaskListener.REJECTION_REASON, ApprovalTaskListener.COMMENT),
            ProcessingFormContracts.taskReadable()),
        FormContract.of("committee-vote", List.of(CommitteeVoteTaskListener.VOTE, CommitteeVoteTaskListener.COMMENT),
            ProcessingFormContracts.taskReadable()),
        FormContract.of("resolve-committee-deadlock",
            List.of(CommitteeResolutionTaskListener.RESOLUTION, CommitteeResolutionTaskListener.NOTES),
            ProcessingFormContracts.taskReadable()),
        FormContract.of("provide-information", List.of(ProvideInformationTaskListener.ANSWER),
            ProcessingFormContracts.taskReadable()));
  }
}
