package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalFormListeners;
import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The disbursement forms, from their listeners' fields. */
public final class DisbursementFormContracts {

  private DisbursementFormContracts() {}

  public static List<FormContract> all() {
    List<String> fields = new ArrayList<>(DisbursementCheckService.CONFIRMATIONS.keySet());
    fields.addAll(List.of(DisbursementCheckTaskListener.DECISION, DisbursementCheckTaskListener.NOTES,
        DisbursementCheckTaskListener.HOLD_UNTIL, DisbursementCheckTaskListener.DOCUMENTS, DisbursementCheckTaskListener.CUSTOMER_REASON));
    // what was approved: this form alone
    Set<String> check = new TreeSet<>(ProcessingFormContracts.taskReadable());
    check.addAll(ApprovalFormListeners.APPROVAL_TEXT_VALUES);
    return List.of(FormContract.of("check-disbursement", fields, check),
        FormContract.of("receive-disbursement-documents", List.of(DisbursementDocumentsTaskListener.RECEIVED),
            ProcessingFormContracts.taskReadable()));
  }
}
