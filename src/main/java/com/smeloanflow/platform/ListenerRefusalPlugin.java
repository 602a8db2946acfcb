package com.smeloanflow.platform;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetIdentityLinksForTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetRenderedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *       Reading the data of a task that is not there (its form, which Tasklist reads as the task's deployed
 *       form, its rendered form, identity links, variables or form variables) or writing its variables is not found
 *       either: 404, as for the task itself, not the engine's 500 or 400 ({@link #refuseReadOfMissingTask}).
 *   <li>A claim of a task a colleague holds is told with who holds it, answered 409 ({@link HeldByColleague});
 *       one claim sent twice at once (a double click on 认领) leaves the task with its claimant and answers both 204,
 *       and so does one hand-on (改派, the engine's set-assignee) or one delegation (委托) sent twice at once with the
 *       task's new assignee ({@link #lockTaskToAssign}).
 *   <li>A refusal that the engine REST API wraps in a 500 (a process start a start-event listener refused: "Cannot
 *       instantiate process definition …") is answered 400 all the same: a {@link Refused} carries the error code
 *       {@link EngineRefusals#REFUSED}, which {@link EngineRefusalAnswers} answers with 400. So is a start its first
 *       step refuses, in any command ({@link RefusedStartException}: a second post-loan monitoring of one loan, correlated
 *       by hand over {@code POST /engine-rest/message}, which Camunda answers 500).
 *   <li>The engine logs whatever a command fails with when it closes the command context: at ERROR with a
 *       stack trace ("ENGINE-16004 Exception while closing command context"), except its own users' errors
 *       ({@link AuthorizationException}, {@link BadUserRequestException}), which it logs at DEBUG. So a
 *       second interceptor, inside the command context, hands the engine the refusal itself (bad input or a
 *       task's state as a {@link Refused}) before it closes: a typo in a task form, a refused self-approval or
 *       a task overtaken by events no longer writes an ERROR that an operator's alert would fire on.
 *   <li>An instance a migration run at once refuses (the rollout's, e.g. one waiting in a task the new version removed)
 *       is handed to the engine as a user's error ({@link NotMigrated}), logged at DEBUG, and to the caller as the
 *       engine's refusal with its report, logged as one INFO line.
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

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRefusalPlugin.class);

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
          lockTaskToAssign(command, Context.getCommandContext());
          refuseIfEnded(command, Context.getCommandContext());
          refuseReadOfMissingTask(command, Context.getCommandContext());
        }
        return next.execute(command);
      } catch (RuntimeException e) {
        if (!forCaller && command instanceof MigrateProcessInstanceCmd && e instanceof MigratingProcessInstanceValidationException refused) {
          throw new NotMigrated(refused);
        }
        if (forCaller && e instanceof NotMigrated notMigrated) {
          LOG.info("Not migrated: {}", notMigrated.getMessage().replaceAll("\\s+", " "));
          throw notMigrated.refusal;
        }
        if (!forCaller && command instanceof ClaimTaskCmd && e instanceof TaskAlreadyClaimedException taken
            && !(e instanceof HeldByColleague)) {
          throw heldByColleague(taken, Context.getCommandContext());
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
   * A process instance the engine refuses to migrate with the plan it was given (an activity it waits in has no
   * instruction, e.g. a task the new version removed), as the engine classes it: a user's error, so it logs it at DEBUG,
   * not as "ENGINE-16004 Exception while closing command context" at ERROR with a stack trace. The caller gets the
   * engine's {@link MigratingProcessInstanceValidationException} (the engine REST API answers it 400 with its report, which
   * the process owner's rollout reports), and the log one INFO line with the engine's reason.
   */
  static final class NotMigrated extends BadUserRequestException {
    private final transient MigratingProcessInstanceValidationException refusal;

    NotMigrated(MigratingProcessInstanceValidationException refusal) {
      super(refusal.getMessage(), refusal);
      this.refusal = refusal;
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
      setCode(EngineRefusals.REFUSED);
    }
  }

  /**
   * Takes the row lock of the task a person claims, hands on (the engine's set-assignee: Tasklist's 改派, the bank's
   * {@code identity.TaskQueue}) or delegates (委托) before the command reads it, so that two such commands on one task at
   * the same moment (a double click on 认领, 改派 or 委托, or two colleagues) run one after the other: the second reads the
   * task as the first left it. A second claim succeeds when it is the same person's (the engine's claim accepts a task its
   * claimant holds already) or is refused as a task a colleague holds ({@link HeldByColleague}); a second hand-on or
   * delegation hands the task on again, so the same one twice leaves the task with its new assignee. Without it both read
   * the task as it was, and the second failed when it wrote, logged at ERROR: in the database (both insert the new
   * assignee's authorization on the task; the engine answers a persistence error) or on the engine's optimistic lock of
   * the task.
   */
  static void lockTaskToAssign(Command<?> command, CommandContext context) {
    String taskId = setsAssignee(command) ? taskIdOf(command) : null;
    if (taskId == null || context == null) {
      return;
    }
    String table = context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_RU_TASK";
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement lock = connection.prepareStatement("SELECT ID_ FROM " + table + " WHERE ID_ = ? FOR UPDATE")) {
      lock.setString(1, taskId);
      lock.executeQuery().close();
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot lock task " + taskId + " to assign it", e);
    }
  }

  /**
   * A claim of a task a colleague holds, told in Chinese with who holds it (name and user id) and the engine's English
   * beside. Still the engine's {@link TaskAlreadyClaimedException} for a caller of the Java API (the bank's
   * {@code identity.TaskQueue} catches it); the engine REST API answers it {@code 409} by its code
   * ({@link EngineRefusals#TAKEN}), where Camunda answers {@code 500}.
   */
  static final class HeldByColleague extends TaskAlreadyClaimedException {
    private final String message;

    HeldByColleague(String taskId, String assignee, String message) {
      super(taskId, assignee);
      this.message = message;
      setCode(EngineRefusals.TAKEN);
    }

    @Override
    public String getMessage() {
      return message;
    }
  }

  static HeldByColleague heldByColleague(TaskAlreadyClaimedException taken, CommandContext context) {
    String taskId = taken.getTaskId();
    String assignee = taken.getTaskAssignee();
    TaskEntity task = context == null ? null : context.getTaskManager().findTaskById(taskId);
    User holder = context == null || assignee == null ? null
        : context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().findUserById(assignee));
    return new HeldByColleague(taskId, assignee, heldMessage(taskId, task == null ? null : task.getName(), assignee,
        holder == null ? null : holder.getFirstName()));
  }

  /** What a person claiming a task a colleague holds is told: the Chinese for staff, with the English beside. */
  static String heldMessage(String taskId, String taskName, String assignee, String assigneeName) {
    String task = taskName == null || taskName.isBlank() ? "待办 " + taskId + " " : "待办“" + taskName + "”";
    String holder = assigneeName == null || assigneeName.isBlank() ? assignee : assigneeName + " (" + assignee + ")";
    return StaffText.of(task + "已由 " + holder + " 领取, 不能再领取, 请刷新待办列表",
        "Task '" + taskId + "' is already claimed by " + assignee);
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
   * Refuses to read or write the data of a task that is not there (completed or cancelled meanwhile, or never known) as
   * a task that is not found: its deployed form (a Camunda Form, which Tasklist opens), its form key, its rendered form, its identity
   * links, its variables and local variables, its form variables. The engine fails with "task is null" (its deployed form
   * with a {@link NullPointerException} of its authorization check), logged at ERROR, which the engine REST API answers
   * 500 or 400; this {@link NotFoundException}, logged at DEBUG, it answers {@code 404} by its code
   * ({@link EngineRefusals#GONE}) with its message, as it answers {@code GET /task/{id}} for such a task
   * ({@code No matching task with id …}; {@link EngineRefusals} tells it in Chinese).
   *
   * @throws NotFoundException the task is not there
   */
  static void refuseReadOfMissingTask(Command<?> command, CommandContext context) {
    String taskId = context == null ? null : taskDataOf(command);
    if (taskId != null && context.getTaskManager().findTaskById(taskId) == null) {
      NotFoundException gone = new NotFoundException("No matching task with id " + taskId);
      gone.setCode(EngineRefusals.GONE);
      throw gone;
    }
  }

  /**
   * The task whose data (forms, identity links, variables) the command reads or writes, or {@code null} for any other
   * command. The engine's commands keep it in a field and offer no getter; {@code ListenerRefusalPluginTest} pins the
   * field for each command named here.
   */
  static String taskDataOf(Command<?> command) {
    if (command instanceof GetDeployedTaskFormCmd || command instanceof GetTaskFormCmd || command instanceof GetRenderedTaskFormCmd
        || command instanceof GetIdentityLinksForTaskCmd || command instanceof GetTaskVariablesCmd
        || command instanceof GetTaskVariableCmd || command instanceof GetTaskVariableCmdTyped) {
      return stringField(command, "taskId");
    }
    if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
        || command instanceof PatchTaskVariablesCmd) {
      return stringField(command, "entityId");
    }
    return command instanceof GetTaskFormVariablesCmd ? stringField(command, "resourceId") : null;
  }

  /**
   * A task id the engine never knew (no task, no history of one): a caller's error, so the engine logs it at DEBUG, as
   * the {@link NotFoundException} it is, and a caller of the Java API gets it as such (the bank's
   * {@code identity.TaskQueue} answers such a task {@code NOT_FOUND} with its message). The engine REST API answers a
   * {@link NotFoundException} of a task command 400 (claim, assign, delegate: it is a {@link BadUserRequestException})
   * or 500 (complete and submit-form wrap every {@link ProcessEngineException}, putting "Cannot complete task …: "
   * before the message, which {@link EngineRefusals} moves into the English part after the Chinese); by its code
   * ({@link EngineRefusals#GONE}) it is answered {@code 404}.
   */
  static final class UnknownTask extends NotFoundException {
    UnknownTask(String taskId) {
      super(unknownMessage(taskId));
      setCode(EngineRefusals.GONE);
    }
  }

  /** What a person acting on a task id the engine never knew is told: the Chinese for staff, with the English beside. */
  static String unknownMessage(String taskId) {
    return "待办 " + taskId + " 不存在, 请刷新待办列表 (task " + taskId + " does not exist)";
  }

  /**
   * What a person acting on an ended task is told: the Chinese for staff, with the English beside. A task cancelled with
   * its process instance for a business reason the application gave in Chinese (a call-in ending a renewal on an older
   * model version: {@code 贷款已提前收回, 续贷终止}) is named with that reason; the engine's own reasons ({@code deleted},
   * a scope cancelled as the process went on) say the process went on.
   */
  static String endedMessage(String taskId, String taskName, String deleteReason) {
    String task = "待办 " + (taskName == null || taskName.isBlank() ? taskId : taskName);
    if ("completed".equals(deleteReason)) {
      return task + " 已办理完毕, 不能再次办理, 请刷新待办列表 (task " + taskId + " is completed already)";
    }
    String why = deleteReason != null && !deleteReason.isEmpty()
        && Character.UnicodeScript.of(deleteReason.codePointAt(0)) == Character.UnicodeScript.HAN ? deleteReason : "流程已继续";
    return task + " 已撤销 (" + why + "), 无需再办理, 请刷新待办列表 (task " + taskId + " was cancelled: " + deleteReason + ")";
  }

  /**
   * The task a person's task command acts on. The engine's commands keep it in a field {@code taskId} and offer no
   * getter; {@code ListenerRefusalPluginTest} pins the field for each command {@link #actsOnTask} names.
   */
  static String taskIdOf(Command<?> command) {
    return stringField(command, "taskId");
  }

  private static String stringField(Command<?> command, String name) {
    Field field = ReflectionUtils.findField(command.getClass(), name, String.class);
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

  /**
   * A person claims a task, hands it on (sets its assignee) or delegates it (委托: sets its assignee, and its owner when
   * it has none): the commands that take the task's row lock first.
   */
  static boolean setsAssignee(Command<?> command) {
    return command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd || command instanceof DelegateTaskCmd;
  }

  /** A person acts on a task: completes it (with or without its form), claims it, is assigned or delegates it. */
  static boolean actsOnTask(Command<?> command) {
    return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof ClaimTaskCmd
        || command instanceof AssignTaskCmd || command instanceof DelegateTaskCmd;
  }

  /**
   * The refusal {@code e} is or carries, if any: a separation-of-duties {@link AuthorizationException}, bad
   * input or a refused start ({@link RefusedStartException}) as a {@link Refused}, or, when a person acts on a task, the
   * task's state as a {@link Refused}; a job's
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
          || cause instanceof RefusedStartException || onTask && cause instanceof StateConflictException) {
        return new Refused((RuntimeException) cause);
      }
    }
    return null;
  }
}
