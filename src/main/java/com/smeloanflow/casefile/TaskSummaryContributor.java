package com.smeloanflow.casefile;

import java.util.Map;

/**
 * One stage's part of what a task form shows about an application: intake the application, processing
 * the score and route, the case file the checks (review, verification, investigation), disbursement the contract. A
 * value only some forms show (approval's texts, the committee's votes) is set by a listener of those tasks instead.
 * {@link CaseSummaryListener} puts every contributor's values into the task's local variables when the
 * task is created. A contributor reads only its own stage's tables.
 */
public interface TaskSummaryContributor {

  /** Read-only values for the form, by the names the forms use. */
  Map<String, Object> summary(String applicationId);
}
