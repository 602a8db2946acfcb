package com.smeloanflow.verification;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.ArrayList;
import java.util.List;

/** Remote verification and field investigation forms, from their listeners' fields. */
public final class VerificationFormContracts {

  private VerificationFormContracts() {}

  public static List<FormContract> all() {
    List<String> verification = new ArrayList<>(VerificationService.CALL_CHECKS.keySet());
    verification.add(RemoteVerificationTaskListener.OUTCOME);
    verification.add(RemoteVerificationTaskListener.NOTES);
    return List.of(
        FormContract.of("verify-remotely", verification, ProcessingFormContracts.taskReadable()),
        FormContract.of("investigate-on-site", List.of(FieldInvestigationTaskListener.OUTCOME, FieldInvestigationTaskListener.FINDINGS),
            ProcessingFormContracts.taskReadable()));
  }
}
