package com.smeloanflow.platform;

import java.util.Set;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A task listener of every user task of every process, without a line in the models: a Spring bean
 * implementing this is called by {@link UserTaskListeners} for the events it names ({@code create},
 * {@code assignment}, {@code update}, {@code complete}, {@code delete}), after the model's own listeners
 * of the event, in {@code @Order}. Used for what holds for all tasks alike: SLA dates, team visibility.
 */
public interface EveryUserTaskListener extends TaskListener {

  /** The task events (TaskListener.EVENTNAME_*) this listener wants. */
  Set<String> events();
}
