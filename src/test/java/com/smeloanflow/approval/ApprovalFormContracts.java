package com.smeloanflow.approval;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.List;

/** Approval forms, from their listeners' fields. */
public final class ApprovalFormContracts {

  private ApprovalFormContracts() {}

  public static List<FormContract> all() {
    return List.of(
        FormContract.of("approve-loan", List.of(ApprovalForm.FIELDS), ProcessingFormContracts.taskReadable()),
        FormContract.of("decide-committee-resolution", List.of(ApprovalForm.FIELDS), ProcessingFormContracts.taskReadable()),
        FormContract.of("committee-vote", List.of(CommitteeVoteTaskListener.VOTE, CommitteeVoteTaskListener.COMMENT,
            CommitteeVoteTaskListener.PROPOSED_AMOUNT, CommitteeVoteTaskListener.PROPOSED_CONDITIONS), ProcessingFormContracts.taskReadable()),
        FormContract.of("provide-information", List.of(ProvideInformationTaskListener.ANSWER), ProcessingFormContracts.taskReadable()));
  }
}
