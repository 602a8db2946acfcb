package com.smeloanflow.approval;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Approval forms, from their listeners' fields. */
public final class ApprovalFormContracts {

  private ApprovalFormContracts() {}

  public static List<FormContract> all() {
    // the committee's votes and what is asked of the chair: the chair's form alone
    Set<String> chair = new TreeSet<>(ProcessingFormContracts.taskReadable());
    chair.addAll(ApprovalFormListeners.COMMITTEE_RESOLUTION_VALUES);
    // the question of a return: the form that answers it alone
    Set<String> answer = new TreeSet<>(ProcessingFormContracts.taskReadable());
    answer.addAll(ApprovalFormListeners.RETURN_QUESTION_VALUES);
    return List.of(
        FormContract.of("approve-loan", List.of(ApprovalForm.FIELDS), ProcessingFormContracts.taskReadable()),
        FormContract.of("decide-committee-resolution", List.of(ApprovalForm.FIELDS), chair),
        FormContract.of("committee-vote", List.of(CommitteeVoteTaskListener.VOTE, CommitteeVoteTaskListener.COMMENT,
            CommitteeVoteTaskListener.PROPOSED_AMOUNT, CommitteeVoteTaskListener.PROPOSED_CONDITIONS), ProcessingFormContracts.taskReadable()),
        FormContract.of("provide-information", List.of(ProvideInformationTaskListener.ANSWER), answer));
  }
}
