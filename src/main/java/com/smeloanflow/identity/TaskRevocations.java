package com.smeloanflow.identity;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Hides a task from one member of its candidate groups who may not work it: the proposer of what the task decides
 * (四眼原则), or whoever took part in what it approves (审贷分离). A REVOKE of READ for that user on that task, which
 * Camunda lets win over the grants of the user's groups, so Tasklist's queues and counts and the engine REST API's
 * task queries no longer show the task to the user (revokes are always checked, {@code authorization-check-revokes:
 * always}). Only READ: a claim or completion sent all the same still reaches the task listeners, which refuse it
 * naming the rule, whatever the client. Goes with the task: Camunda deletes a task's authorizations when it ends.
 */
public final class TaskRevocations {

  private TaskRevocations() {}

  /** Called by a create listener, in the command that creates the task. */
  public static void hideFrom(DelegateTask task, String userId) {
    AuthorizationEntity revoke = new AuthorizationEntity(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(userId);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.READ);
    // without an authorization check: the user whose request creates the task may not write authorizations
    Context.getCommandContext().getAuthorizationManager().saveDefaultAuthorizations(new AuthorizationEntity[] {revoke});
  }
}
