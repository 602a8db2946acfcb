package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.REVIEW_DECISION;

import com.smeloanflow.intake.IntakeFormContracts;
import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.process.LoanOriginationProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Forms of the tasks after scoring: what they may show, and the centre review's fields. */
public final class ProcessingFormContracts {

  private ProcessingFormContracts() {}

  /** What a task form after scoring may show: the application summary, the processing summary, process variables. */
  public static Set<String> taskReadable() {
    Set<String> readable = new TreeSet<>(IntakeFormContracts.summaryKeys());
    readable.addAll(ProcessingSummaryListener.FORM_VALUES);
    readable.addAll(ProcessVariables.declaredIn(LoanOriginationProcess.Variables.class));
    return readable;
  }

  public static List<FormContract> all() {
    return List.of(FormContract.of("review-exception", List.of(REVIEW_DECISION.name(), ExceptionReviewTaskListener.NOTES),
        taskReadable()));
  }
}
