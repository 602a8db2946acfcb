package com.smeloanflow.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A team lead sees and reassigns the team's tasks, and only those: whenever a group becomes a candidate of
 * a task, Camunda grants it "work the task" (its default authorization provider), and this grants the
 * lead group of the group's team READ and TASK_ASSIGN on that task too. Tasklist's filters and the engine
 * REST API then show a lead exactly their teams' tasks; reassignment goes only to members of the task's
 * candidate groups ({@code platform.TaskCandidateGuard}). A task offered to a lead group itself (督办逾期贷款 and
 * 尽职免责认定 to {@code <branch>-leads}) belongs to no team: that group gets TASK_ASSIGN beside "work the task", so
 * its leads, peers on it, hand it to one another and take it back ({@link LeadGroupTaskGrants} gives it to the
 * tasks opened before). The grants are the task's own and go with it.
 * When a candidate group is removed from a task, the grants it brought go too: the group's "work the task"
 * and its lead group's READ and TASK_ASSIGN, each unless a candidate group that stays still needs it
 * (Camunda's default provider keeps them, so the removed group would still see and work the task); likewise
 * a removed candidate user's, unless the user is the task's assignee or owner.
 */
@Component
public class TeamTaskAuthorizations extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new Provider());
  }

  /** Camunda's default provider, plus the team lead's grant on each candidate group's task. */
  static final class Provider extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String identityLinkType) {
      AuthorizationEntity[] defaults = super.newTaskGroupIdentityLink(task, groupId, identityLinkType);
      if (!IdentityLinkType.CANDIDATE.equals(identityLinkType)) {
        return defaults;
      }
      if (Teams.teamIdOfLeadGroup(groupId).isPresent()) {
        // a lead group offered the task itself (督办逾期贷款, 尽职免责认定): its leads are peers and reassign it among them
        for (AuthorizationEntity grant : defaults == null ? new AuthorizationEntity[0] : defaults) {
          if (grant.getResourceType() == Resources.TASK.resourceType() && groupId.equals(grant.getGroupId())) {
            grant.addPermission(TaskPermissions.TASK_ASSIGN);
          }
        }
      }
      Optional<String> team = Teams.teamIdOfGroup(groupId);
      if (team.isEmpty()) {
        return defaults;
      }
      List<AuthorizationEntity> all = new ArrayList<>(defaults == null ? List.of() : Arrays.asList(defaults));
      all.add(createOrUpdateAuthorization(task, null, Teams.leadGroupOf(team.get()), Resources.TASK, false,
          Permissions.READ, TaskPermissions.TASK_ASSIGN));
      return all.toArray(AuthorizationEntity[]::new);
    }

    /**
     * Called before the link is deleted: takes away the permissions that only the removed candidate group
     * brought (to itself and to its team's lead group), and deletes a grant left with none.
     */
    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String identityLinkType) {
      // a completed or deleted task's grants are all deleted with it (by resource id): nothing to work out here
      if (!IdentityLinkType.CANDIDATE.equals(identityLinkType) || !(task instanceof TaskEntity entity) || entity.isDeleted()) {
        return super.deleteTaskGroupIdentityLink(task, groupId, identityLinkType);
      }
      Set<String> remaining = new LinkedHashSet<>();
      for (IdentityLinkEntity link : entity.getIdentityLinks()) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null && !link.getGroupId().equals(groupId)) {
          remaining.add(link.getGroupId());
        }
      }
      Set<String> before = new LinkedHashSet<>(remaining);
      before.add(groupId);
      Map<String, Set<Permission>> granted = grantsOf(before);
      Map<String, Set<Permission>> kept = grantsOf(remaining);
      List<AuthorizationEntity> emptied = new ArrayList<>();
      granted.forEach((group, permissions) -> {
        Set<Permission> lost = new LinkedHashSet<>(permissions);
        lost.removeAll(kept.getOrDefault(group, Set.of()));
        if (!lost.isEmpty()) {
          withdraw(getAuthorizationManager().findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT, group,
              Resources.TASK, task.getId()), lost, emptied);
        }
      });
      return emptied.toArray(AuthorizationEntity[]::new);
    }

    /**
     * Called before the link is deleted: a candidate user who is neither the task's assignee nor its owner no longer
     * sees or works it (Camunda's default provider keeps the grant).
     */
    @Override
    public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String identityLinkType) {
      if (!IdentityLinkType.CANDIDATE.equals(identityLinkType) || !(task instanceof TaskEntity entity) || entity.isDeleted()
          || userId.equals(task.getAssignee()) || userId.equals(task.getOwner())) {
        return super.deleteTaskUserIdentityLink(task, userId, identityLinkType);
      }
      List<AuthorizationEntity> emptied = new ArrayList<>();
      withdraw(getAuthorizationManager().findAuthorizationByUserIdAndResourceId(Authorization.AUTH_TYPE_GRANT, userId,
          Resources.TASK, task.getId()), Set.of(Permissions.READ, TaskPermissions.TASK_WORK), emptied);
      return emptied.toArray(AuthorizationEntity[]::new);
    }

    /** Takes the permissions off the grant (updated in place); a grant left with none joins those the engine deletes. */
    private static void withdraw(AuthorizationEntity grant, Set<Permission> permissions, List<AuthorizationEntity> emptied) {
      if (grant == null) {
        return;
      }
      permissions.forEach(grant::removePermission);
      if (grant.getPermissions() == Permissions.NONE.getValue()) {
        emptied.add(grant);
      }
    }

    /**
     * The task permissions that candidate groups bring: each group works the task, its team's leads read and reassign
     * it; a lead group that is a candidate itself also reassigns it (among its members, the only candidates).
     */
    static Map<String, Set<Permission>> grantsOf(Set<String> candidateGroups) {
      Map<String, Set<Permission>> grants = new LinkedHashMap<>();
      for (String group : candidateGroups) {
        grants.computeIfAbsent(group, g -> new LinkedHashSet<>()).addAll(List.of(Permissions.READ, TaskPermissions.TASK_WORK));
        if (Teams.teamIdOfLeadGroup(group).isPresent()) {
          grants.get(group).add(TaskPermissions.TASK_ASSIGN);
        }
        Teams.teamIdOfGroup(group).ifPresent(team -> grants.computeIfAbsent(Teams.leadGroupOf(team), g -> new LinkedHashSet<>())
            .addAll(List.of(Permissions.READ, TaskPermissions.TASK_ASSIGN)));
      }
      return grants;
    }
  }
}
