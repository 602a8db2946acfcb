package com.smeloanflow.platform;

import jakarta.ws.rs.core.Response.Status;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * A refusal thrown by a listener reaches the caller as that refusal, and the engine's log treats it as a
 * user's error, not as a failure.
 *
 * <ul>
 *   <li>The separation of duties ({@link AuthorizationException}) reaches the caller unwrapped. The engine
 *       wraps every exception of a task listener in a {@link ProcessEngineException} ("ENGINE-03051 There
 *       was an exception while invoking the TaskListener"), which the engine REST API and Tasklist answer
 *       with 500; unwrapped, they answer 403 with the refusal's message.
 *   <li>Bad input in a form ({@link InvalidTaskInputException} of a task listener,
 *       {@link InvalidFieldsException} of a start-event listener) becomes a form validation error, which
 *       the engine REST API answers 400 (as for Tasklist's own field validation) with the message staff can
 *       act on.
 *   <li>A task that can no longer be done as asked ({@link StateConflictException}, thrown by a task
 *       listener or by a delegate run in the same transaction, e.g. the proposal to approve was withdrawn
 *       meanwhile) is refused with its message, when a person completes, claims, is assigned or delegates a
 *       task: a form submission as a form validation error, the rest as a {@link BadUserRequestException};
 *       the engine REST API answers both 400 (it maps no exception to 409, and answers 500 for any other;
 *       the bank's own {@code /api/**} answers a {@link StateConflictException} 409, see
 *       {@link ApiProblemHandler}). In other commands (a message a channel reports, a job) it stays as
 *       thrown. A failure (any other exception, e.g. an {@link IllegalStateException}) stays 500.
 *   <li>A task that is no longer there because the process moved on (a committee member's vote task the
 *       majority made unnecessary, a task a deadline cancelled, a task someone else completed) is refused
 *       the same way, as a {@link StateConflictException} naming the task and what became of it; the engine
 *       itself fails with "Cannot find task with id …", which the engine REST API answers 500, logged at
 *       ERROR. A task id the engine never knew (no task, no history of one) is not found: the engine REST API
 *       answers 404 with {@code 待办 … 不存在, 请刷新待办列表 (task … does not exist)}, logged at DEBUG.
 *       Opening the form of a task that is not there (Tasklist reads a Camunda Form as the task's deployed
 *       form) is not found either: 404, as for the task itself, not the engine's 500 of a
 *       {@link NullPointerException} ({@link #refuseFormOfMissingTask}).
 *   <li>The engine logs whatever a command fails with when it closes the command context: at ERROR with a
 *       stack trace ("ENGINE-16004 Exception while closing command context"), except its own users' errors
 *       ({@link AuthorizationException}, {@link BadUserRequestException}), which it logs at DEBUG. So a
 *       second interceptor, inside the command context, hands the engine the refusal itself (bad input or a
 *       task's state as a {@link Refused}) before it closes: a typo in a task form, a refused self-approval or
 *       a task overtaken by events no longer writes an ERROR that an operator's alert would fire on.
 *   <li>A job that needs an administrator ({@link NeedsAdministratorException}, e.g. a credit committee with no member
 *       who may vote on a renewal) was logged at ERROR once by whoever threw it, with what is missing; the same
 *       interceptor hands the engine an {@link AlreadyReported} with the same message, so the engine logs it at DEBUG
 *       instead of a second ERROR, and the job's incident shows that message (the engine would otherwise wrap an
 *       exception of an expression in "Error while evaluating expression …").
 * </ul>
 *
 * Neither interceptor changes a command's outcome: it is rolled back either way.
 */
@Component
public class ListenerRefusalPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        appended(configuration.getCustomPreCommandInterceptorsTxRequired(), new RethrowRefusal(true)));
    configuration.setCustomPostCommandInterceptorsTxRequired(
        appended(configuration.getCustomPostCommandInterceptorsTxRequired(), new RethrowRefusal(false)));
  }

  private static List<CommandInterceptor> appended(List<CommandInterceptor> configured, CommandInterceptor added) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configured != null) {
      interceptors.addAll(configured);
    }
    interceptors.add(added);
    return interceptors;
  }

  /**
   * Rethrows the refusal a command failed with, if any, as the refusal itself. Inside the command context
   * the engine then closes it with the refusal, not with the wrapper; outside it, a refused form submission
   * becomes the form validation error the engine REST API answers 400.
   */
  static final class RethrowRefusal extends CommandInterceptor {
    private final boolean forCaller;

    RethrowRefusal(boolean forCaller) {
      this.forCaller = forCaller;
    }

    @Override
    public <T> T execute(Command<T> command) {
      try {
        if (!forCaller) {
          refuseIfEnded(command, Context.getCommandContext());
          refuseFormOfMissingTask(command, Context.getCommandContext());
        }
        return next.execute(command);
      } catch (RuntimeException e) {
        if (forCaller && e instanceof UnknownTask unknown) {
          throw notFound(unknown);
        }
        RuntimeException refusal = refusalIn(e, command);
        if (refusal == null) {
          throw e;
        }
        if (forCaller && refusal instanceof Refused refused && submitsForm(command)) {
          throw new FormFieldValidationException(refused.getMessage(), refused.getMessage(), refused.getCause());
        }
        throw refusal;
      }
    }
  }

  /**
   * What the application refused, as the engine classes it: a user's error, which the engine REST API answers
   * 400 with its message. A form submission's caller gets a {@link FormFieldValidationException} with the same
   * message and cause instead (the engine REST API answers 500 for any other exception of a form submission).
   */
  static final class Refused extends BadUserRequestException {
    Refused(RuntimeException refused) {
      super(refused.getMessage(), refused);
    }
  }

  /**
   * A job's failure that needs an administrator, logged at ERROR once by its thrower: the engine classes it as a user's
   * error only so as to log it at DEBUG; the job fails as for any exception (its retries, then an incident with this
   * message).
   */
  static final class AlreadyReported extends BadUserRequestException {
    AlreadyReported(NeedsAdministratorException reported) {
      super(reported.getMessage(), reported);
    }
  }

  /**
   * Refuses a person's action on a task that ended before it (completed, or cancelled as the process moved on) with
   * what became of the task, or on a task id the engine never knew, before the engine fails with its "task is null".
   * Reads the task as the command would (the command then finds it in the command context's cache).
   *
   * @throws StateConflictException the task ended
   * @throws UnknownTask neither the task nor its history is there
   */
  static void refuseIfEnded(Command<?> command, CommandContext context) {
    String taskId = actsOnTask(command) ? taskIdOf(command) : null;
    if (taskId == null || context == null || context.getTaskManager().findTaskById(taskId) != null) {
      return;
    }
    HistoricTaskInstanceEntity ended = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
    if (ended == null) {
      throw new UnknownTask(taskId);
    }
    if (ended.getEndTime() != null) {
      throw new StateConflictException(endedMessage(taskId, ended.getName(), ended.getDeleteReason()));
    }
  }

  /**
   * Refuses to read the deployed form (a Camunda Form, which Tasklist opens) of a task that is not there (completed or
   * cancelled meanwhile, or never known) as a task that is not found, before the engine fails with a
   * {@link NullPointerException} of its authorization check, which the engine REST API answers 500. The engine REST API
   * answers this {@link NotFoundException} {@code 404} with its message, as it answers {@code GET /task/{id}} for such a
   * task ({@code No matching task with id …}; {@link EngineRefusals} tells it in Chinese).
   *
   * @throws NotFoundException the task is not there
   */
  static void refuseFormOfMissingTask(Command<?> command, CommandContext context) {
    if (command instanceof GetDeployedTaskFormCmd && context != null) {
      String taskId = taskIdOf(command);
      if (taskId != null && context.getTaskManager().findTaskById(taskId) == null) {
        throw new NotFoundException("No matching task with id " + taskId);
      }
    }
  }

  /**
   * A task id the engine never knew (no task, no history of one): a caller's error, so the engine logs it at DEBUG, as
   * the {@link NotFoundException} it is.
   */
  static final class UnknownTask extends NotFoundException {
    UnknownTask(String taskId) {
      super(unknownMessage(taskId));
    }
  }

  /**
   * An unknown task as the engine REST API answers it 404 with its message. The engine REST API answers a
   * {@link NotFoundException} of a task command 400 (claim, assign, delegate: it is a {@link BadUserRequestException})
   * or 500 (complete, submit-form wrap every {@link ProcessEngineException}); only its own {@link RestException} with a
   * status keeps that status (complete and submit-form put "Cannot complete task …: " before the message, which
   * {@link EngineRefusals} moves into the English part after the Chinese). A caller of
   * the Java API gets it too (it is no {@link ProcessEngineException}) and finds the {@link UnknownTask} as its cause:
   * the bank's {@code identity.TaskQueue} answers such a task {@code NOT_FOUND} with its message.
   */
  static RestException notFound(UnknownTask unknown) {
    return new InvalidRequestException(Status.NOT_FOUND, unknown, unknown.getMessage());
  }

  /** What a person acting on a task id the engine never knew is told: the Chinese for staff, with the English beside. */
  static String unknownMessage(String taskId) {
    return "待办 " + taskId + " 不存在, 请刷新待办列表 (task " + taskId + " does not exist)";
  }

  /** What a person acting on an ended task is told: the Chinese for staff, with the English beside. */
  static String endedMessage(String taskId, String taskName, String deleteReason) {
    String task = "待办 " + (taskName == null || taskName.isBlank() ? taskId : taskName);
    return "completed".equals(deleteReason)
        ? task + " 已办理完毕, 不能再次办理, 请刷新待办列表 (task " + taskId + " is completed already)"
        : task + " 已撤销 (流程已继续), 无需再办理, 请刷新待办列表 (task " + taskId + " was cancelled: " + deleteReason + ")";
  }

  /**
   * The task a person's task command acts on. The engine's commands keep it in a field {@code taskId} and offer no
   * getter; {@code ListenerRefusalPluginTest} pins the field for each command {@link #actsOnTask} names.
   */
  static String taskIdOf(Command<?> command) {
    Field field = ReflectionUtils.findField(command.getClass(), "taskId", String.class);
    if (field == null) {
      return null;
    }
    ReflectionUtils.makeAccessible(field);
    return (String) ReflectionUtils.getField(field, command);
  }

  /** A person submits a form: completes a task (with or without its form) or starts a process with one. */
  static boolean submitsForm(Command<?> command) {
    return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof SubmitStartFormCmd;
  }

  /** A person acts on a task: completes it (with or without its form), claims it, is assigned or delegates it. */
  static boolean actsOnTask(Command<?> command) {
    return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof ClaimTaskCmd
        || command instanceof AssignTaskCmd || command instanceof DelegateTaskCmd;
  }

  /**
   * The refusal {@code e} is or carries, if any: a separation-of-duties {@link AuthorizationException}, bad
   * input as a {@link Refused}, or, when a person acts on a task, the task's state as a {@link Refused}; a job's
   * failure that needs an administrator as {@link AlreadyReported};
   * {@code null} for anything else (which the engine reports as it always does).
   */
  static RuntimeException refusalIn(RuntimeException e, Command<?> command) {
    boolean onTask = actsOnTask(command);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof Refused || cause instanceof AlreadyReported) {
        return (RuntimeException) cause;
      }
      if (cause instanceof NeedsAdministratorException reported) {
        return new AlreadyReported(reported);
      }
      if (cause instanceof InvalidTaskInputException || cause instanceof InvalidFieldsException
          || onTask && cause instanceof StateConflictException) {
        return new Refused((RuntimeException) cause);
      }
    }
    return null;
  }
}
