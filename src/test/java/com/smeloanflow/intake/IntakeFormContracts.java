package com.smeloanflow.intake;

import com.smeloanflow.model.FormContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intake forms' contracts, taken from the intake code itself: the counter start form's fields
 * are {@link CounterIntakeListener#FORM_FIELDS}; the acceptance checklist is one box per
 * {@link RequiredDocument#formField()} plus {@link AcceptanceTaskListener#NOTES}; the missing
 * documents form confirms {@link MissingDocumentsTaskListener#DOCUMENTS_RECEIVED}. Task forms show
 * what {@link ApplicationSummary} puts on the task.
 */
public final class IntakeFormContracts {

  private IntakeFormContracts() {}

  public static List<FormContract> all() {
    List<String> checklist = new ArrayList<>();
    for (RequiredDocument document : RequiredDocument.values()) {
      checklist.add(document.formField());
    }
    checklist.add(AcceptanceTaskListener.NOTES);
    Set<String> taskReadable = summaryKeys();
    return List.of(
        FormContract.of("counter-intake", CounterIntakeListener.FORM_FIELDS.keySet(), Set.of()),
        FormContract.of("accept-application", checklist, taskReadable),
        FormContract.of("receive-missing-documents", List.of(MissingDocumentsTaskListener.DOCUMENTS_RECEIVED), taskReadable));
  }

  /** The task-local variables {@link ApplicationSummary} sets. */
  public static Set<String> summaryKeys() {
    Set<String> keys = new TreeSet<>(ApplicationSummary.FORM_VALUES);
    for (RequiredDocument document : RequiredDocument.values()) {
      keys.add(document.formField() + "Required");
    }
    return keys;
  }
}
