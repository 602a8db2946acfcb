package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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
 * gone is left to the read, which answers for it ({@link ListenerRefusalPlugin}). The listeners run only for a caller
 * the read will let through: the engine's own check of the read ({@code GetTaskFormVariablesCmd}: the caller's READ on
 * the task or READ_TASK on its process definition, none while authorization checks are off or nobody is authenticated)
 * is made first, in the same command; a caller it refuses writes nothing and asks no listener, and the read then
 * refuses them as it would. What a listener writes is what the application computes, whoever may read it. Two people
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
        if (task != null && mayReadFormVariables(context, task)) {
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

  /**
   * Whether the engine will let the command's authenticated user read the task's form variables: its command checkers'
   * {@code checkReadTaskVariable}, as {@code GetTaskFormVariablesCmd} asks them.
   */
  private static boolean mayReadFormVariables(CommandContext context, TaskEntity task) {
    try {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkReadTaskVariable(task);
      }
      return true;
    } catch (AuthorizationException refused) {
      return false;
    }
  }
}
