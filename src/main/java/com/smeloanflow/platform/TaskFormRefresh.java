package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Opening a task's form asks its {@link TaskFormOpening} listeners first: before the engine reads a task's form variables
 * ({@code GetTaskFormVariablesCmd}, what Tasklist reads to fill a Camunda Form), the listeners are called with the task in
 * a command and transaction of their own, committed before the read, so the form shows what they wrote. A task that is
 * gone is left to the read, which answers for it ({@link ListenerRefusalPlugin}); the caller's rights are the read's to
 * check (a listener writes what the application computes, whoever asks). Two people
 * opening one task at the same moment may both write: the second's write loses to the first's
 * ({@link OptimisticLockingException}, logged at DEBUG) and its read shows the first's value, written the same way.
 */
@Component
public class TaskFormRefresh extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TaskFormRefresh.class);

  private final ObjectProvider<TaskFormOpening> listeners;
  private CommandExecutor commands;

  public TaskFormRefresh(ObjectProvider<TaskFormOpening> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new BeforeFormRead());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    commands = configuration.getCommandExecutorTxRequiresNew();
  }

  /** Before a read of a task's form variables that no other command is running (a person's request). */
  private final class BeforeFormRead extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof GetTaskFormVariablesCmd && Context.getCommandContext() == null) {
        String taskId = ListenerRefusalPlugin.taskDataOf(command);
        if (taskId != null) {
          opening(taskId);
        }
      }
      return next.execute(command);
    }
  }

  private void opening(String taskId) {
    try {
      commands.execute(context -> {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task != null) {
          // As the engine runs a task listener: the application's code, not the person's request, so without the
          // person's authorizations (a member may not evaluate a decision table, which the application does for them).
          context.disableAuthorizationCheck();
          try {
            listeners.orderedStream().forEach(listener -> listener.opening(task));
          } finally {
            context.enableAuthorizationCheck();
          }
        }
        return null;
      });
    } catch (OptimisticLockingException e) {
      LOG.debug("Task {} opened twice at once: the other opening wrote its form's values", taskId, e);
    }
  }
}
