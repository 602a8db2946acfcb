package com.smeloanflow.platform;

import com.smeloanflow.identity.Groups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Reassigning a task is a team lead's role: on every user task of every process, handing someone else's task, or one
 * nobody holds, to another user (set the assignee, delegate) or taking it from its holder is refused with an
 * {@link AuthorizationException} (403 over REST) unless the user holds the right to assign <em>that task</em>: the
 * lead group of the task's team (团队主管, granted per task by {@code identity.TeamTaskAuthorizations}; for a task
 * offered to a lead group itself, such as 尽职免责认定, that group, whose leads are peers on it) or the system
 * administrator ({@code camunda-admin}, every task). Setting or removing the task's owner ({@code PUT /task/{id}},
 * {@code setOwner}) is refused alike (the "update" event): Camunda grants a new owner READ and "work the task" on it,
 * and a delegated task returns to its owner. Camunda also lets a user assign a task whose process definition
 * grants them UPDATE_TASK or TASK_ASSIGN; process owners hold every right on every definition (to deploy, migrate and
 * read in Cockpit), and so could hand any branch's task to any member of its post. Those rights still let them redesign
 * and migrate models, read every task and move its due date, but not decide who works it.
 *
 * <p>Nor does a user the task is hidden from (a REVOKE of READ, {@code identity.TaskRevocations}: the proposer of a
 * reclassification, 四眼原则) reassign it with their group's right: they would pick who decides their own proposal.
 *
 * <p>Not refused: a claim (the user takes the task: {@link TaskCandidateGuard} checks the post), the holder's own
 * change (giving it back, or a delegate resolving it back to its owner; for the owner: the holder delegating, which
 * makes them the owner, or the owner's own), assignments by the model when a task is created, and the application's
 * own calls (no authenticated user).
 */
@Component
public class TaskReassignmentGuard extends AbstractProcessEnginePlugin implements TaskListener {

  /** The state a task is in while an update (not its creation) fires its listeners. */
  private static final String UPDATED = "Updated";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // built-in: runs before the model's own assignment listeners (and even when custom listeners are skipped)
    EveryUserTaskDefinition.change(configuration, task -> {
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this);
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, this);
    });
  }

  @Override
  public void notify(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null || !(task instanceof TaskEntity entity)
        || !UPDATED.equals(entity.getTaskState())) {
      return;
    }
    String user = authentication.getUserId();
    PropertyChange assigneeChange = entity.getPropertyChanges().get(TaskEntity.ASSIGNEE);
    // the owner's change is checked on "update", which fires first; an assignee's change is checked on "assignment"
    // and, beside an owner's (a delegation), on "update" too, so that the refusal names the hand-on
    PropertyChange ownerChange = TaskListener.EVENTNAME_UPDATE.equals(task.getEventName())
        ? entity.getPropertyChanges().get(TaskEntity.OWNER) : null;
    if (TaskListener.EVENTNAME_UPDATE.equals(task.getEventName()) && ownerChange == null) {
      return;
    }
    // the holder: who held the task when this change began
    String holder = assigneeChange == null ? task.getAssignee() : assigneeChange.getOrgValueString();
    Change refused = assigneeChange == null ? null : assigneeChange(user, holder, task.getAssignee());
    if (refused == null && ownerChange != null) {
      refused = ownerChange(user, holder, ownerChange);
    }
    if (refused == null) {
      return;
    }
    List<String> groups = authentication.getGroupIds() != null ? authentication.getGroupIds()
        : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return;
    }
    if (mayAssign(task, user, groups, TaskPermissions.TASK_ASSIGN) || mayAssign(task, user, groups, Permissions.UPDATE)) {
      // the task hidden from the user (identity.TaskRevocations): the proposer does not pick who decides the proposal
      if (mayAssign(task, user, groups, Permissions.READ)) {
        return;
      }
      throw new AuthorizationException(StaffText.of(
          "待办“" + task.getName() + "”须由 " + user + " 以外的人办理 (四眼原则或审贷分离), " + user + " 也不能" + refused.chinese(),
          "task " + task.getId() + " is hidden from " + user + " (four eyes or separation of duties), who may not "
              + refused.english() + " either"));
    }
    throw new AuthorizationException(StaffText.of(
        "待办“" + task.getName() + "”只能由其团队主管改派, " + user + " 不能" + refused.chinese(),
        "task " + task.getId() + " may be reassigned only by a lead of its team; " + user + " may not " + refused.english()));
  }

  /** A change that takes the right to assign the task, said as the refusal says it. */
  private record Change(String chinese, String english) {}

  /** A hand-on or a taking back, or null for a claim or the holder's own change. */
  private static Change assigneeChange(String user, String holder, String assignee) {
    if (user.equals(assignee) || user.equals(holder)) {
      return null;
    }
    return assignee == null ? new Change("取消 " + holder + " 的领取", "take it from " + holder)
        : new Change("改派给 " + assignee, "assign it to " + assignee);
  }

  /**
   * A new or removed owner (Camunda grants a new owner READ and "work the task", and a delegated task returns to its
   * owner), or null for the holder's own change (a delegation makes the holder the owner) or the owner's own.
   */
  private static Change ownerChange(String user, String holder, PropertyChange change) {
    String owner = change.getNewValueString();
    String formerOwner = change.getOrgValueString();
    if (user.equals(holder) || user.equals(formerOwner)) {
      return null;
    }
    return owner == null ? new Change("取消 " + formerOwner + " 的所有者身份", "take it from its owner " + formerOwner)
        : new Change("把所有者改为 " + owner, "make " + owner + " its owner");
  }

  /** A right on the task itself (or on every task), not one that comes from its process definition; a revoke wins. */
  private static boolean mayAssign(DelegateTask task, String user, List<String> groups, Permission permission) {
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    return authorizations.isUserAuthorized(user, groups, permission, Resources.TASK, task.getId());
  }
}
