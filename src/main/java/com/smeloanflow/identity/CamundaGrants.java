package com.smeloanflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.smeloanflow.platform.SqlInLists;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotent writes of Camunda groups and grants: running them again changes nothing.
 *
 * <p>The bean looks up each group and grant when it writes it: right for one branch's groups. A start's set-up of
 * every group takes {@link #readingAtOnce}: the same writes over the groups and grants read in a few statements.
 * Each write is an engine command of its own, except a branch's reads of its staff ({@link #onlyTheseUsersReadBy}):
 * one engine command for all of them.
 */
@Component
class CamundaGrants {

  private static final Logger log = LoggerFactory.getLogger(CamundaGrants.class);

  /**
   * Resource types the engine grants on one entity at a time (a task's candidate group, an instance, their history):
   * as many grants as open tasks. Of these only the grants on every entity ({@code *}) are read at once.
   */
  private static final Set<Integer> PER_ENTITY = Set.of(Resources.TASK.resourceType(),
      Resources.PROCESS_INSTANCE.resourceType(), Resources.HISTORIC_TASK.resourceType(),
      Resources.HISTORIC_PROCESS_INSTANCE.resourceType());

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final CommandExecutor commands;
  /** The groups and grants read at once, or none: each looked up when written. */
  private final Existing existing;
  /**
   * Whether the writes run inside one engine command ({@link #onlyTheseUsersReadBy}): a grant that another node wrote
   * since it was read fails the whole command, which is then written again one grant at a time.
   */
  private final boolean inOneCommand;

  @Autowired
  CamundaGrants(IdentityService identityService, AuthorizationService authorizationService, ProcessEngine engine) {
    this(identityService, authorizationService,
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired(), null, false);
  }

  private CamundaGrants(IdentityService identityService, AuthorizationService authorizationService, CommandExecutor commands,
      Existing existing, boolean inOneCommand) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.commands = commands;
    this.existing = existing;
    this.inOneCommand = inOneCommand;
  }

  /**
   * The same writes, with these groups read first in chunks of 100 and their grants with one statement per resource
   * type and chunk, instead of one look-up per group and grant (1.8-2.0 s of a restart with 40 branches on
   * PostgreSQL, now 0.5-0.8 s; docs/performance.md, "The identity set-up reads its groups and grants at once"). A
   * group or grant outside what was read is looked up when written, as by the bean; one that another node's start
   * wrote after the read is looked up again and written over what is there now. Not for sharing between threads.
   */
  CamundaGrants readingAtOnce(Collection<String> groupIds) {
    return new CamundaGrants(identityService, authorizationService, commands,
        Existing.read(groupIds, true, List.of(Resources.values()), identityService, authorizationService), false);
  }

  /**
   * The same writes, with only these groups' grants on single users read first (one statement per chunk of 100
   * groups): for the directory's re-sync ({@link DirectorySync}), which writes nothing else. The groups themselves
   * and their other grants are looked up when written, as by the bean.
   */
  CamundaGrants readingUserGrantsOf(Collection<String> groupIds) {
    return new CamundaGrants(identityService, authorizationService, commands,
        Existing.read(groupIds, false, List.of(Resources.USER), identityService, authorizationService), false);
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
    Group group = existing != null && existing.groupsRead && existing.groupIds.contains(id)
        ? existing.groups.get(id)
        : identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
      group.setType("WORKFLOW");
    } else if (name.equals(group.getName())) {
      return;
    }
    group.setName(name);
    if (existing == null) {
      identityService.saveGroup(group);
      return;
    }
    try {
      identityService.saveGroup(group);
      existing.groups.put(id, group);
    } catch (RuntimeException raced) {
      log.info("Group {} changed since the set-up read it (another node's start?): written again over what is there now ({})",
          id, raced.getClass().getSimpleName());
      existing.groupIds.remove(id);
      oneByOne().ensureGroup(id, name);
    }
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
   * definitions and the lead filters (团队任务, 已超期, 已升级). Which tasks a lead sees comes from the
   * per-task grants of {@link TeamTaskAuthorizations}; which users and groups, from
   * {@link #readsEveryUserAndGroup} for a central team's leads and from {@link BranchStaffReads} for a branch's.
   */
  void teamLead(String groupId, TasklistFilters.Ids filters) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
    for (String filter : filters.forLeads()) {
      grant(groupId, Resources.FILTER, filter, Permissions.READ);
    }
  }

  /**
   * Reading every user and group: for the leads of a central team, who serve every branch (Tasklist checks the user a
   * task is handed to exists, and names assignees and candidate groups).
   */
  void readsEveryUserAndGroup(String groupId) {
    grant(groupId, Resources.USER, "*", Permissions.READ);
    grant(groupId, Resources.GROUP, "*", Permissions.READ);
  }

  /**
   * Each of {@code readers} reads exactly these users among the users granted one by one: READ on each of
   * {@code userIds}, and a grant of a reader on any other single user deleted (a grant on every user, {@code *}, is
   * left to {@link #revoke}). See {@link BranchStaffReads}.
   *
   * <p>The readers' grants on users are read first (at once, unless already read), and what differs is written in one
   * engine command, so in one transaction (a branch's three groups: one per branch at a first start, 40 instead of
   * 1,200 with 40 branches and 10 holders of branch tasks; docs/performance.md); nothing differing, nothing is
   * written. When that command fails (another node wrote one of these grants since the read), nothing of it stays
   * and the writes are done again one grant at a time over what is there now; within a transaction of the caller's
   * the failure is the caller's.
   */
  void onlyTheseUsersReadBy(List<String> readers, Set<String> userIds) {
    if (existing == null || !readers.stream().allMatch(existing::coversUserGrantsOf)) {
      readingUserGrantsOf(readers).onlyTheseUsersReadBy(readers, userIds);
      return;
    }
    if (!differs(readers, userIds)) {
      return;
    }
    CamundaGrants oneCommand = new CamundaGrants(identityService, authorizationService, commands, existing, true);
    try {
      commands.execute(command -> {
        oneCommand.writeOnlyTheseUsersReadBy(readers, userIds);
        return null;
      });
    } catch (RuntimeException raced) {
      if (TransactionSynchronizationManager.isActualTransactionActive()) {
        throw raced;
      }
      log.info("The grants of {} on users changed since they were read (another node?): written again one by one ({})",
          readers, raced.getClass().getSimpleName());
      existing.forget(readers);
      oneByOne().writeOnlyTheseUsersReadBy(readers, userIds);
    }
  }

  /** Whether a reader lacks READ on one of {@code userIds} or reads another single user. */
  private boolean differs(List<String> readers, Set<String> userIds) {
    for (String reader : readers) {
      for (String userId : userIds) {
        Authorization grant = grantOf(reader, Resources.USER, userId);
        if (grant == null || !grant.isPermissionGranted(Permissions.READ)) {
          return true;
        }
      }
      if (!staleUserGrantsOf(reader, userIds).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void writeOnlyTheseUsersReadBy(List<String> readers, Set<String> userIds) {
    for (String reader : readers) {
      for (String userId : userIds) {
        grant(reader, Resources.USER, userId, Permissions.READ);
      }
      for (Authorization stale : staleUserGrantsOf(reader, userIds)) {
        authorizationService.deleteAuthorization(stale.getId());
        if (existing != null) {
          existing.grants.remove(GrantKey.of(stale));
        }
      }
    }
  }

  /** The reader's grants on single users other than {@code userIds}. */
  private List<Authorization> staleUserGrantsOf(String reader, Set<String> userIds) {
    return new ArrayList<>(userGrantsOf(reader).stream()
        .filter(grant -> !"*".equals(grant.getResourceId()) && !userIds.contains(grant.getResourceId())).toList());
  }

  /** The group's grants on single users (and on {@code *}). */
  private List<Authorization> userGrantsOf(String groupId) {
    if (existing != null && existing.groupIds.contains(groupId)
        && existing.resourceTypes.contains(Resources.USER.resourceType())) {
      return existing.grants.entrySet().stream()
          .filter(entry -> entry.getKey().groupId().equals(groupId)
              && entry.getKey().resourceType() == Resources.USER.resourceType()
              && !existing.stale.contains(entry.getKey()))
          .map(Map.Entry::getValue).toList();
    }
    return authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(Resources.USER).list();
  }

  /**
   * Takes permissions back from a group's grant on a resource (rights an earlier version gave). A grant
   * left with no permission grants nothing.
   */
  void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = grantOf(groupId, resource, resourceId);
    if (authorization == null || java.util.Arrays.stream(permissions).noneMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.removePermission(permission);
    }
    save(authorization, () -> oneByOne().revoke(groupId, resource, resourceId, permissions));
  }


  /** Grants permissions to a group, adding to an existing grant for the same resource. */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = grantOf(groupId, resource, resourceId);
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
      save(authorization, () -> oneByOne().grant(groupId, resource, resourceId, permissions));
    }
  }

  /** The group's grant on the resource, or null. */
  private Authorization grantOf(String groupId, Resource resource, String resourceId) {
    if (existing != null && existing.covers(groupId, resource, resourceId)) {
      return existing.grants.get(new GrantKey(groupId, resource.resourceType(), resourceId));
    }
    return authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .singleResult();
  }

  /**
   * Saves the grant. When it was read at once and changed since (another node's start wrote it: a duplicate or a
   * stale revision), it is looked up again and written over what is there now, by {@code again}.
   */
  private void save(Authorization authorization, Runnable again) {
    if (existing == null) {
      authorizationService.saveAuthorization(authorization);
      return;
    }
    GrantKey key = GrantKey.of(authorization);
    if (inOneCommand) {
      existing.grants.put(key, authorizationService.saveAuthorization(authorization));
      return;
    }
    try {
      existing.grants.put(key, authorizationService.saveAuthorization(authorization));
    } catch (RuntimeException raced) {
      log.info("Grant {} changed since the set-up read it (another node's start?): written again over what is there now ({})",
          key, raced.getClass().getSimpleName());
      existing.grants.remove(key);
      existing.stale.add(key);
      again.run();
    }
  }

  /** The writes looking up each group and grant when written. */
  private CamundaGrants oneByOne() {
    return new CamundaGrants(identityService, authorizationService, commands, null, false);
  }

  private record GrantKey(String groupId, int resourceType, String resourceId) {
    static GrantKey of(Authorization authorization) {
      return new GrantKey(authorization.getGroupId(), authorization.getResourceType(), authorization.getResourceId());
    }
  }

  /**
   * Groups and their grants on {@code resourceTypes} as read at once; when {@code groupsRead}, a group id read but
   * absent from {@code groups} does not exist. A grant found {@code stale} (changed since it was read) is looked up
   * when written again.
   */
  private record Existing(Set<String> groupIds, boolean groupsRead, Map<String, Group> groups, Set<Integer> resourceTypes,
      Map<GrantKey, Authorization> grants, Set<GrantKey> stale) {

    static Existing read(Collection<String> ids, boolean readGroups, List<Resources> resources,
        IdentityService identityService, AuthorizationService authorizationService) {
      Set<String> groupIds = new HashSet<>(ids);
      Map<String, Group> groups = new HashMap<>();
      Map<GrantKey, Authorization> grants = new HashMap<>();
      for (List<String> chunk : SqlInLists.chunks(groupIds)) {
        String[] chunkIds = chunk.toArray(String[]::new);
        if (readGroups && !identityService.isReadOnly()) {
          identityService.createGroupQuery().groupIdIn(chunkIds).list().forEach(group -> groups.put(group.getId(), group));
        }
        for (Resources resource : resources) {
          AuthorizationQuery query = authorizationService.createAuthorizationQuery()
              .authorizationType(AUTH_TYPE_GRANT).groupIdIn(chunkIds).resourceType(resource);
          if (PER_ENTITY.contains(resource.resourceType())) {
            query.resourceId("*");
          }
          for (Authorization authorization : query.list()) {
            Authorization twin = grants.put(GrantKey.of(authorization), authorization);
            if (twin != null) {
              // The look-up one at a time refuses two grants of a group on one resource too (singleResult).
              throw new IllegalStateException("Group " + twin.getGroupId() + " holds two grants on resource type "
                  + twin.getResourceType() + " id " + twin.getResourceId() + ": " + twin.getId() + ", " + authorization.getId());
            }
          }
        }
      }
      Set<Integer> resourceTypes = new HashSet<>();
      resources.forEach(resource -> resourceTypes.add(resource.resourceType()));
      return new Existing(groupIds, readGroups, groups, resourceTypes, grants, new HashSet<>());
    }

    /** Whether the group's grants on users were read (and none of them since found stale). */
    boolean coversUserGrantsOf(String groupId) {
      return groupIds.contains(groupId) && resourceTypes.contains(Resources.USER.resourceType())
          && stale.stream().noneMatch(key -> key.groupId().equals(groupId) && key.resourceType() == Resources.USER.resourceType());
    }

    /** Forgets what was read of these groups (a command that wrote their grants failed): looked up when written. */
    void forget(Collection<String> forgotten) {
      groupIds.removeAll(forgotten);
      grants.keySet().removeIf(key -> forgotten.contains(key.groupId()));
    }

    boolean covers(String groupId, Resource resource, String resourceId) {
      return groupIds.contains(groupId) && resourceTypes.contains(resource.resourceType()) && (!PER_ENTITY.contains(resource.resourceType()) || "*".equals(resourceId))
          && !stale.contains(new GrantKey(groupId, resource.resourceType(), resourceId));
    }
  }
}
