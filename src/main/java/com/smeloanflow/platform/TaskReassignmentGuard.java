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
 * lead group of the task's team (团队主管, granted per task by {@code identity.TeamTaskAuthorizations}) or the system
 * administrator ({@code camunda-admin}, every task). Camunda also lets a user assign a task whose process definition
 * grants them UPDATE_TASK or TASK_ASSIGN; process owners hold every right on every definition (to deploy, migrate and
 * read in Cockpit), and so could hand any branch's task to any member of its post. Those rights still let them redesign
 * and migrate models, read every task and move its due date, but not decide who works it.
 *
 * <p>Not refused: a claim (the user takes the task: {@link TaskCandidateGuard} checks the post), the holder's own
 * change (giving it back, or a delegate resolving it back to its owner), assignments by the model when a task is
 * created, and the application's own calls (no authenticated user).
 */
@Component
public class TaskReassignmentGuard extends AbstractProcessEnginePlugin implements TaskListener {

  /** The state a task is in while an update (not its creation) fires its listeners. */
  private static final String UPDATED = "Updated";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // built-in: runs before the model's own assignment listeners (and even when custom listeners are skipped)
    EveryUserTaskDefinition.change(configuration, task -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this));
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
    String assignee = task.getAssignee();
    PropertyChange change = entity.getPropertyChanges().get(TaskEntity.ASSIGNEE);
    String holder = change == null ? null : change.getOrgValueString();
    if (user.equals(assignee) || user.equals(holder)) {
      return;
    }
    List<String> groups = authentication.getGroupIds() != null ? authentication.getGroupIds()
        : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    if (groups.contains(Groups.CAMUNDA_ADMIN) || mayAssign(task, user, groups, TaskPermissions.TASK_ASSIGN)
        || mayAssign(task, user, groups, Permissions.UPDATE)) {
      return;
    }
    String what = assignee == null ? "取消 " + holder + " 的领取" : "改派给 " + assignee;
    String english = assignee == null ? "take it from " + holder : "assign it to " + assignee;
    throw new AuthorizationException(StaffText.of(
        "待办“" + task.getName() + "”只能由其团队主管改派, " + user + " 不能" + what,
        "task " + task.getId() + " may be reassigned only by a lead of its team; " + user + " may not " + english));
  }

  /** A right on the task itself (or on every task), not one that comes from its process definition. */
  private static boolean mayAssign(DelegateTask task, String user, List<String> groups, Permission permission) {
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    return authorizations.isUserAuthorized(user, groups, permission, Resources.TASK, task.getId());
  }
}
