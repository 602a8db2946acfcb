package com.smeloanflow.disbursement;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.ArrayList;
import java.util.List;

/** The disbursement check form, from its listener's fields. */
public final class DisbursementFormContracts {

  private DisbursementFormContracts() {}

  public static List<FormContract> all() {
    List<String> fields = new ArrayList<>(DisbursementCheckTaskListener.CHECKS.keySet());
    fields.add(DisbursementCheckTaskListener.DECISION);
    fields.add(DisbursementCheckTaskListener.NOTES);
    return List.of(FormContract.of("check-disbursement", fields, ProcessingFormContracts.taskReadable()));
  }
}
