package com.smeloanflow.platform;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * For a task listener that takes a row lock another transaction may hold while it ends the task's process instance (the
 * repayment that cures a collection case): the instance's executions are read into the command before the wait. A
 * refusal the listener throws after the wait is then handed to the caller as that refusal ({@link ListenerRefusalPlugin}):
 * the engine looks for an error handler among the executions of the task's instance first, and were it to read them
 * only then, it would find none left (the other transaction committed their deletion) and fail with "Cannot restore
 * state of process instance …: list of executions is empty" instead (500).
 */
public final class ExecutionTree {

  private ExecutionTree() {}

  /** Reads the executions of {@code task}'s process instance into the command, if not read yet. */
  public static void readBeforeALockWait(DelegateTask task) {
    if (task.getExecution() instanceof ExecutionEntity execution) {
      execution.getProcessInstance().getExecutions();
    }
  }
}
