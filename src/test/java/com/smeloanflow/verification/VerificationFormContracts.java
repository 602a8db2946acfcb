package com.smeloanflow.verification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.INVESTIGATION_OUTCOME;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.VERIFICATION_OUTCOME;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.processing.ProcessingFormContracts;
import java.util.ArrayList;
import java.util.List;

/** Remote verification and field investigation forms, from their listeners' fields. */
public final class VerificationFormContracts {

  private VerificationFormContracts() {}

  public static List<FormContract> all() {
    List<String> verification = new ArrayList<>(RemoteVerificationTaskListener.CHECKS.keySet());
    verification.add(VERIFICATION_OUTCOME.name());
    verification.add(RemoteVerificationTaskListener.NOTES);
    return List.of(
        FormContract.of("verify-remotely", verification, ProcessingFormContracts.taskReadable()),
        FormContract.of("investigate-on-site", List.of(INVESTIGATION_OUTCOME.name(), FieldInvestigationTaskListener.FINDINGS),
            ProcessingFormContracts.taskReadable()));
  }
}
