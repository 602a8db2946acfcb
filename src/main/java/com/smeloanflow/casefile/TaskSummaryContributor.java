package com.smeloanflow.casefile;

import java.util.Map;

/**
 * One stage's part of what a task form shows about an application: intake the application, processing
 * the score and route, the case file the checks (review, verification, investigation), approval the approval and the
 * votes, disbursement the contract.
 * {@link CaseSummaryListener} puts every contributor's values into the task's local variables when the
 * task is created. A contributor reads only its own stage's tables.
 */
public interface TaskSummaryContributor {

  /** Read-only values for the form, by the names the forms use. */
  Map<String, Object> summary(String applicationId);
}
