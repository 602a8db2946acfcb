package com.smeloanflow.platform;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A value a task's form shows that is asked again each time a person opens the form (Tasklist, or any client, reads the
 * task's form variables: {@code GET /engine-rest/task/{id}/form-variables}), before the form reads it. Called by
 * {@link TaskFormRefresh} in a transaction of its own, before the read; a listener writes only what changed.
 */
public interface TaskFormOpening {

  /** {@code task} is about to be shown in its form; runs for every open task whose form is read. */
  void opening(DelegateTask task);
}
