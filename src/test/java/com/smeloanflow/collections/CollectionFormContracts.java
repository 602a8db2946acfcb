package com.smeloanflow.collections;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.process.CollectionProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The collection forms: the case file every one shows, and the fields their listeners read. */
public final class CollectionFormContracts {

  private CollectionFormContracts() {}

  public static List<FormContract> all() {
    Set<String> readable = new TreeSet<>(CollectionFormValues.NAMES);
    readable.addAll(ProcessVariables.declaredIn(CollectionProcess.Variables.class));
    List<String> contact = List.of(ContactTaskListener.OUTCOME, ContactTaskListener.PROMISED_AMOUNT,
        ContactTaskListener.PROMISED_DATE, ContactTaskListener.NOTES);
    return List.of(
        FormContract.of("collect-by-phone", contact, readable),
        FormContract.of("visit-borrower", contact, readable),
        FormContract.of("supervise-overdue-loan", contact, readable),
        FormContract.of("propose-disposal", List.of(DisposalProposalTaskListener.KIND, DisposalProposalTaskListener.REASON),
            readable),
        FormContract.of("approve-disposal", List.of(DisposalApprovalTaskListener.DECISION, DisposalApprovalTaskListener.COMMENT),
            readable),
        FormContract.of("follow-up-legal-action", List.of(LegalFollowUpTaskListener.PROGRESS, LegalFollowUpTaskListener.NOTES),
            readable));
  }
}
