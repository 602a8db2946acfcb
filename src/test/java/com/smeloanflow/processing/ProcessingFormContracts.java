package com.smeloanflow.processing;

import com.smeloanflow.casefile.CaseFileSummary;
import com.smeloanflow.disbursement.DisbursementSummary;
import com.smeloanflow.intake.IntakeFormContracts;
import com.smeloanflow.model.FormContract;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Forms of the tasks after scoring: what they may show, and the centre review's fields. */
public final class ProcessingFormContracts {

  private ProcessingFormContracts() {}

  /** What a task form after scoring may show: every stage's part of the case summary. */
  public static Set<String> taskReadable() {
    Set<String> readable = new TreeSet<>(IntakeFormContracts.summaryKeys());
    readable.addAll(ProcessingSummary.FORM_VALUES);
    readable.addAll(CaseFileSummary.FORM_VALUES);
    readable.addAll(DisbursementSummary.FORM_VALUES);
    return readable;
  }

  public static List<FormContract> all() {
    return List.of(FormContract.of("review-exception", List.of(ExceptionReviewTaskListener.DECISION, ExceptionReviewTaskListener.NOTES,
        ExceptionReviewTaskListener.CUSTOMER_REASON), taskReadable()));
  }
}
