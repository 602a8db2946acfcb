package com.smeloanflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import com.smeloanflow.platform.LoginLockoutAlert;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Branch isolation of the user and group directory (engine REST {@code /user}, {@code /group}, their {@code /count} and
 * {@code /{id}/profile}, Tasklist's names of assignees and candidate groups, its "assign to" check). Camunda answers a
 * user or group query with the users and groups the caller may READ, and its authorizations name a user or group by
 * id (or {@code *}): there is no "the users of a group" resource. So branch staff read their own branch through grants
 * per member:
 * <ul>
 *   <li>Each member of a branch's groups ({@code <branch>-acceptance}, {@code -customer-managers}, {@code -leads}) is
 *       readable (USER, the member's id, READ) by each of the three groups. Written when the membership is created, in
 *       the same engine command (the engine's identity provider, {@link IdentityProvider}), taken back when
 *       the user leaves the branch's last group, and brought up to date at every start by {@link IdentitySetup} (users
 *       from before, and a read-only directory such as LDAP, whose memberships change outside the engine).</li>
 *   <li>The branch's three groups and the central groups its tasks name ({@link #CENTRAL_GROUPS_OF_BRANCH_TASKS}) are
 *       readable (GROUP, READ) by the three groups ({@link BranchGroups}).</li>
 * </ul>
 * Nobody of a branch holds READ on every user or group any more (the branch's lead group and the team-leads role did);
 * central staff read as before: each user themselves and the groups they are in (Camunda's own grants), the leads of
 * central teams everyone ({@link CamundaGrants#readsEveryUserAndGroup}), administrators everything.
 */
@Component
public class BranchStaffReads extends AbstractProcessEnginePlugin {

  /**
   * Central groups that a branch's tasks name beside the branch's own groups: 审批贷款 is offered to
   * {@code credit-approvers,<branch>-leads}. {@code BranchStaffReadsTest} checks the models name no other.
   */
  public static final List<String> CENTRAL_GROUPS_OF_BRANCH_TASKS = List.of(Groups.CREDIT_APPROVERS);

  /**
   * Puts in {@link IdentityProvider}, in place of the database provider {@code platform.LoginLockoutAlert} puts in (in
   * whichever order the two plugins run). A directory's own provider (LDAP) is left alone: its memberships change
   * outside the engine, and the grants follow them at every start.
   */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    SessionFactory current = configuration.getIdentityProviderSessionFactory();
    if (current == null || current.getSessionType() == LoginLockoutAlert.AlertingIdentityProvider.class) {
      configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(IdentityProvider.class));
    }
  }

  /** The engine's database identity provider (reporting failed logins), keeping the branch's reads of its staff. */
  public static class IdentityProvider extends LoginLockoutAlert.AlertingIdentityProvider {

    @Override
    public IdentityOperationResult createMembership(String userId, String groupId) {
      IdentityOperationResult created = super.createMembership(userId, groupId);
      membershipCreated(userId, groupId);
      return created;
    }

    @Override
    public IdentityOperationResult deleteMembership(String userId, String groupId) {
      if (existsMembership(userId, groupId)) {
        membershipDeleted(userId, groupId);
      }
      return super.deleteMembership(userId, groupId);
    }
  }

  /** The branch whose staff group this is (acceptance, customer managers, leads), if it is one. */
  public static Optional<String> branchOf(String groupId) {
    return Teams.teamIdOfGroup(groupId).or(() -> Teams.teamIdOfLeadGroup(groupId)).filter(Teams::isBranchTeam);
  }

  /** The groups whose members read a branch's staff: the branch's acceptance, customer-manager and lead groups. */
  public static List<String> readers(String branchCode) {
    return BranchGroups.withLeads(branchCode);
  }

  /** The groups of a branch whose members read: the branch's own three and {@link #CENTRAL_GROUPS_OF_BRANCH_TASKS}. */
  static List<String> readableGroups(String branchCode) {
    List<String> groups = new ArrayList<>(BranchGroups.withLeads(branchCode));
    groups.addAll(CENTRAL_GROUPS_OF_BRANCH_TASKS);
    return groups;
  }

  /**
   * In the engine command that made {@code userId} a member of {@code groupId}: a branch's staff group lets the
   * branch's groups read the user. Written without an authorization check, as Camunda writes its own grants of a new
   * user or group (whoever may add a member need not write authorizations).
   */
  static void membershipCreated(String userId, String groupId) {
    Optional<String> branch = branchOf(groupId);
    if (branch.isEmpty()) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    command.runWithoutAuthorization(() -> {
      AuthorizationManager authorizations = command.getAuthorizationManager();
      for (String reader : readers(branch.get())) {
        AuthorizationEntity grant =
            authorizations.findAuthorizationByGroupIdAndResourceId(AUTH_TYPE_GRANT, reader, Resources.USER, userId);
        if (grant == null) {
          grant = new AuthorizationEntity(AUTH_TYPE_GRANT);
          grant.setGroupId(reader);
          grant.setResource(Resources.USER);
          grant.setResourceId(userId);
          grant.addPermission(Permissions.READ);
          authorizations.insert(grant);
        } else if (!grant.isPermissionGranted(Permissions.READ)) {
          grant.addPermission(Permissions.READ);
        }
      }
      return null;
    });
  }

  /**
   * In the engine command that ends {@code userId}'s membership of {@code groupId}, before it is deleted: when that was
   * the user's last group of the branch, the branch's groups no longer read the user.
   */
  static void membershipDeleted(String userId, String groupId) {
    Optional<String> branch = branchOf(groupId);
    if (branch.isEmpty()) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    command.runWithoutAuthorization(() -> {
      List<String> stays = command.getReadOnlyIdentityProvider().createGroupQuery(command).groupMember(userId)
          .groupIdIn(readers(branch.get()).toArray(String[]::new)).list().stream().map(Group::getId)
          .filter(group -> !group.equals(groupId)).toList();
      if (!stays.isEmpty()) {
        return null;
      }
      AuthorizationManager authorizations = command.getAuthorizationManager();
      for (String reader : readers(branch.get())) {
        authorizations.deleteAuthorizationsByResourceIdAndGroupId(Resources.USER, userId, reader);
      }
      return null;
    });
  }
}
