package com.smeloanflow.identity;

import com.smeloanflow.platform.EngineRefusals;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StaffText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Work on several tasks at once, with the caller's own Camunda authorizations (as in Tasklist): a member of
 * staff claims tasks of their posts; a team lead hands tasks of their teams to a member of the task's post
 * ({@code platform.TaskCandidateGuard}). Each task on its own: one refused task does not hold up the others,
 * and the answer says for each what happened; a refusal's reason is Chinese with the English beside (the engine's own
 * refusals through {@code platform.EngineRefusals}).
 */
@Service
public class TaskQueue {

  private static final Logger log = LoggerFactory.getLogger(TaskQueue.class);
  static final int MAX_TASKS = 100;
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");

  private final TaskService taskService;
  private final IdentityService identityService;

  public TaskQueue(TaskService taskService, IdentityService identityService) {
    this.taskService = taskService;
    this.identityService = identityService;
  }

  /** What happened to one task. */
  public enum Result { CLAIMED, REASSIGNED, REFUSED, NOT_FOUND }

  public record Outcome(@Schema(example = "8c3e…") String taskId, Result result,
      @Schema(example = "受理贷款申请") String taskName, @Schema(example = "zy001-cm2") String assignee,
      @Schema(description = "why it was refused") String reason) {}

  /** The caller: user id and Camunda groups. */
  public record Caller(String userId, List<String> groups) {}

  /** Claims each task for the caller. @throws InvalidFieldsException when the list is malformed; nothing is claimed */
  public List<Outcome> claim(List<String> taskIds, Caller caller) {
    requireValid(taskIds, null, false);
    return asCaller(caller, taskIds, task -> {
      taskService.claim(task.getId(), caller.userId());
      log.info("Task {} ({}) claimed by {}", task.getId(), task.getName(), caller.userId());
      return new Outcome(task.getId(), Result.CLAIMED, task.getName(), caller.userId(), null);
    });
  }

  /**
   * Hands each task to {@code assignee}.
   *
   * @throws InvalidFieldsException when the list or the user is malformed or unknown; nothing is changed
   */
  public List<Outcome> reassign(List<String> taskIds, String assignee, Caller caller) {
    requireValid(taskIds, assignee, true);
    return asCaller(caller, taskIds, task -> {
      taskService.setAssignee(task.getId(), assignee);
      log.info("Task {} ({}) handed from {} to {} by {}", task.getId(), task.getName(), task.getAssignee(), assignee,
          caller.userId());
      return new Outcome(task.getId(), Result.REASSIGNED, task.getName(), assignee, null);
    });
  }

  private interface Action {
    Outcome apply(Task task);
  }

  private List<Outcome> asCaller(Caller caller, List<String> taskIds, Action action) {
    List<Outcome> outcomes = new ArrayList<>();
    identityService.setAuthentication(caller.userId(), caller.groups());
    try {
      for (String taskId : taskIds) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
          outcomes.add(new Outcome(taskId, Result.NOT_FOUND, null, null, StaffText.of("待办 " + taskId + " 不存在或您无权查看",
              "task " + taskId + " does not exist or you may not see it")));
          continue;
        }
        try {
          outcomes.add(action.apply(task));
        } catch (TaskAlreadyClaimedException e) {
          // A colleague holds it (claimed since the query, or before): told as the engine REST API tells it, with who
          // holds it by name and user id (platform.ListenerRefusalPlugin's refusal, its message through EngineRefusals).
          outcomes.add(new Outcome(taskId, Result.REFUSED, task.getName(), e.getTaskAssignee(), EngineRefusals.of(e)));
        } catch (AuthorizationException e) {
          outcomes.add(new Outcome(taskId, Result.REFUSED, task.getName(), task.getAssignee(), EngineRefusals.of(e)));
        } catch (RuntimeException e) {
          // Gone since the query, and its history too (the instance deleted with its history meanwhile): the
          // engine's NotFoundException, thrown by platform.ListenerRefusalPlugin; what the person is told is its
          // message (待办 … 不存在, 请刷新待办列表).
          NotFoundException gone = notFoundIn(e);
          if (gone != null) {
            outcomes.add(new Outcome(taskId, Result.NOT_FOUND, task.getName(), null, gone.getMessage()));
          } else if (e instanceof ProcessEngineException) {
            outcomes.add(new Outcome(taskId, Result.REFUSED, task.getName(), task.getAssignee(), EngineRefusals.of(e)));
          } else {
            throw e;
          }
        }
      }
    } finally {
      identityService.clearAuthentication();
    }
    return outcomes;
  }

  private static NotFoundException notFoundIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotFoundException notFound) {
        return notFound;
      }
    }
    return null;
  }

  private void requireValid(List<String> taskIds, String assignee, boolean assigneeRequired) {
    List<FieldViolation> violations = new ArrayList<>();
    if (taskIds == null || taskIds.isEmpty()) {
      violations.add(new FieldViolation("taskIds", "REQUIRED", "请至少选择一个任务"));
    } else if (taskIds.size() > MAX_TASKS) {
      violations.add(new FieldViolation("taskIds", "TOO_MANY", "一次最多 " + MAX_TASKS + " 个任务"));
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < taskIds.size(); i++) {
        String id = taskIds.get(i);
        if (id == null || !TASK_ID.matcher(id).matches()) {
          violations.add(new FieldViolation("taskIds[" + i + "]", "INVALID_FORMAT", "任务编号格式无效"));
        } else if (!seen.add(id)) {
          violations.add(new FieldViolation("taskIds[" + i + "]", "DUPLICATE", "任务重复"));
        }
      }
    }
    if (assigneeRequired) {
      if (assignee == null || assignee.isBlank()) {
        violations.add(new FieldViolation("assignee", "REQUIRED", "请指定办理人"));
      } else if (assignee.length() > 64 || !USER_ID.matcher(assignee).matches()) {
        violations.add(new FieldViolation("assignee", "INVALID_FORMAT", "用户编号格式无效"));
      } else if (identityService.createUserQuery().userId(assignee).count() == 0) {
        violations.add(new FieldViolation("assignee", "UNKNOWN_USER", "用户 " + assignee + " 不存在"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
  }
}
