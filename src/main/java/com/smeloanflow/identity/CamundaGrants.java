package com.smeloanflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Idempotent writes of Camunda groups and grants: running them again changes nothing. */
@Component
class CamundaGrants {

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  CamundaGrants(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  /**
   * Creates the group, or gives an existing one the current name (a renamed branch renames its
   * groups). With a read-only directory (LDAP) the directory owns the groups: nothing to write, the
   * grants to the group id still apply.
   */
  void ensureGroup(String id, String name) {
    if (identityService.isReadOnly()) {
      return;
    }
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
      group.setType("WORKFLOW");
    } else if (name.equals(group.getName())) {
      return;
    }
    group.setName(name);
    identityService.saveGroup(group);
  }

  /**
   * What every group whose staff work tasks in Tasklist needs: the Tasklist app, reading process
   * definitions (task names and forms) and the two personal filters.
   */
  void taskWorker(String groupId, TasklistFilters.Ids filters) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
    for (String filter : filters.forStaff()) {
      grant(groupId, Resources.FILTER, filter, Permissions.READ);
    }
  }

  /**
   * What a team's lead group (or the team-leads role) needs in Tasklist: the app, reading process
   * definitions, the lead filters (团队任务, 已超期, 已升级), and reading users and groups (Tasklist checks the
   * user a task is handed to exists, and names the candidate group). Which tasks a lead sees comes from the
   * per-task grants of {@link TeamTaskAuthorizations}.
   */
  void teamLead(String groupId, TasklistFilters.Ids filters) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
    grant(groupId, Resources.USER, "*", Permissions.READ);
    grant(groupId, Resources.GROUP, "*", Permissions.READ);
    for (String filter : filters.forLeads()) {
      grant(groupId, Resources.FILTER, filter, Permissions.READ);
    }
  }

  /**
   * Takes permissions back from a group's grant on a resource (rights an earlier version gave). A grant
   * left with no permission grants nothing.
   */
  void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null || java.util.Arrays.stream(permissions).noneMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.removePermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }


  /** Grants permissions to a group, adding to an existing grant for the same resource. */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
