package com.smeloanflow.identity;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Takes a task away from one member of its candidate groups who may not work it: the proposer of what the task
 * decides (四眼原则). A REVOKE of every permission for that user on that task, which Camunda lets win over the grants
 * of the user's groups, so Tasklist's queues and counts and the engine REST API no longer show the task to the user
 * (revokes are always checked, {@code authorization-check-revokes: always}). The task listeners still refuse the user
 * on claim and completion, whatever the client. Goes with the task: Camunda deletes a task's authorizations when it
 * ends.
 */
public final class TaskRevocations {

  private TaskRevocations() {}

  /** Called by a create listener, in the command that creates the task. */
  public static void hideFrom(DelegateTask task, String userId) {
    AuthorizationEntity revoke = new AuthorizationEntity(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(userId);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.ALL);
    // without an authorization check: the user whose request creates the task may not write authorizations
    Context.getCommandContext().getAuthorizationManager().saveDefaultAuthorizations(new AuthorizationEntity[] {revoke});
  }
}
