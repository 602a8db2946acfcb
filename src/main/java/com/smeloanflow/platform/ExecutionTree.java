package com.smeloanflow.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * For a task listener or a delegate that takes a row lock another transaction may hold while it ends the process
 * instance (the repayment that cures a collection case): the instance's executions are read into the command before the
 * wait. A refusal thrown after the wait is then handed to the caller as that refusal
 * ({@link ListenerRefusalPlugin}): the engine looks for an error handler among the executions of the task's (or job's) instance first, and were it to read
 * them only then, it would find none left (the other transaction committed their deletion) and fail with "Cannot
 * restore state of process instance …: list of executions is empty" instead (500).
 */
public final class ExecutionTree {

  private ExecutionTree() {}

  /** Reads the executions of {@code task}'s process instance into the command, if not read yet. */
  public static void readBeforeALockWait(DelegateTask task) {
    readBeforeALockWait(task.getExecution());
  }

  /**
   * Reads the executions of {@code execution}'s process instance into the command, if not read yet: for a delegate (a
   * job) whose refusal after the wait would else end as "Cannot restore state …" at ERROR instead of the refusal.
   */
  public static void readBeforeALockWait(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity) {
      entity.getProcessInstance().getExecutions();
    }
  }
}
