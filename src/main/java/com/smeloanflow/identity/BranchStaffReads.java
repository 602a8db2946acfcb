package com.smeloanflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import com.smeloanflow.platform.LoginLockoutAlert;
import org.camunda.bpm.engine.impl.AuthorizationQueryImpl;
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
 *       the user leaves the branch's last group, and brought up to date at every start by {@link IdentitySetup} and once
 *       per interval for the cluster by {@link DirectorySync} (users from before, a group deleted with its
 *       memberships, and a read-only directory such as LDAP, whose memberships change outside the engine: see
 *       {@link #preInit}).</li>
 *   <li>Each member of a central group whose members hold a branch's tasks ({@link #HOLDERS_OF_BRANCH_TASKS}: the
 *       processing centre, approvers, collections, …) is readable the same way by every branch's three groups, so that
 *       Tasklist names the holder of a branch's task; taken back when the user leaves the last such group (a branch's
 *       own staff stay readable by their branch). A branch opened later reads them from its opening
 *       ({@link BranchGroups#ensure(String, String)}).</li>
 *   <li>The branch's three groups and the central groups its tasks name ({@link #CENTRAL_GROUPS_OF_BRANCH_TASKS}) are
 *       readable (GROUP, READ) by the three groups ({@link BranchGroups}).</li>
 * </ul>
 * Nobody of a branch holds READ on every user or group any more (the branch's lead group and the team-leads role did):
 * another branch's staff, head office marketing, process owners and administrators stay unknown to a branch (404);
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
   * Central groups whose members hold a branch's tasks: the candidate groups of the models' tasks on a branch's
   * application, loan, collection case or renewal besides the branch's own groups (集中作业中心, 远程银行中心, 审批人,
   * 贷审会 with its chair, 放款审核, 资产保全; the approver groups the decision tables and {@code ApprovalAuthority} name;
   * the committee members a vote is assigned to). Every branch's groups read their members, so that Tasklist names
   * such a holder of a branch's task instead of showing the user id. Not head office marketing: its import
   * (白名单导入) is no branch's task. {@code BranchStaffReadsApiTest} checks the models name no other.
   */
  public static final List<String> HOLDERS_OF_BRANCH_TASKS = List.of(Groups.PROCESSING_CENTRE, Groups.REMOTE_BANKING,
      Groups.CREDIT_APPROVERS, Groups.CREDIT_COMMITTEE, Groups.CREDIT_COMMITTEE_CHAIR, Groups.DISBURSEMENT_OPS,
      Groups.COLLECTIONS);

  /**
   * Puts in {@link IdentityProvider}, in place of the database provider {@code platform.LoginLockoutAlert} puts in (in
   * whichever order the two plugins run). A directory's own provider (LDAP) is left alone: its memberships change
   * outside the engine, and the grants follow them at every start and at {@link DirectorySync}'s re-sync.
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
   * branch's groups read the user, a group of {@link #HOLDERS_OF_BRANCH_TASKS} every branch's groups. Written without
   * an authorization check, as Camunda writes its own grants of a new user or group (whoever may add a member need not
   * write authorizations). The readers' grants on the user are read in one statement, not one per reader (120 for a
   * holder with 40 branches).
   */
  static void membershipCreated(String userId, String groupId) {
    CommandContext command = Context.getCommandContext();
    command.runWithoutAuthorization(() -> {
      List<String> readers = readersOfMembersOf(groupId, command);
      if (readers.isEmpty()) {
        return null;
      }
      Map<String, Authorization> held = groupGrantsOn(userId, command);
      AuthorizationManager authorizations = command.getAuthorizationManager();
      for (String reader : readers) {
        Authorization grant = held.get(reader);
        if (grant == null) {
          AuthorizationEntity created = new AuthorizationEntity(AUTH_TYPE_GRANT);
          created.setGroupId(reader);
          created.setResource(Resources.USER);
          created.setResourceId(userId);
          created.addPermission(Permissions.READ);
          authorizations.insert(created);
        } else if (!grant.isPermissionGranted(Permissions.READ)) {
          grant.addPermission(Permissions.READ);
        }
      }
      return null;
    });
  }

  /**
   * In the engine command that ends {@code userId}'s membership of {@code groupId}, before it is deleted: the groups
   * that read the user through this membership and through none of the user's other groups (the branch's last group
   * left, or the last group of {@link #HOLDERS_OF_BRANCH_TASKS}) no longer read the user. Answered from the user's
   * other groups and the groups that read the user (their grants on the user, one statement): no group is listed, and
   * nothing is read beyond the user's groups while the user stays in another group of
   * {@link #HOLDERS_OF_BRANCH_TASKS} (every branch still reads them).
   */
  static void membershipDeleted(String userId, String groupId) {
    CommandContext command = Context.getCommandContext();
    command.runWithoutAuthorization(() -> {
      Optional<String> branch = branchOf(groupId);
      if (branch.isEmpty() && !HOLDERS_OF_BRANCH_TASKS.contains(groupId)) {
        return null;
      }
      Set<String> stay = new HashSet<>();
      for (Group other : command.getReadOnlyIdentityProvider().createGroupQuery(command).groupMember(userId).list()) {
        if (other.getId().equals(groupId)) {
          continue;
        }
        if (HOLDERS_OF_BRANCH_TASKS.contains(other.getId())) {
          return null;
        }
        branchOf(other.getId()).ifPresent(otherBranch -> stay.addAll(readers(otherBranch)));
      }
      Collection<String> readers = branch.isPresent() ? readers(branch.get())
          : groupGrantsOn(userId, command).keySet().stream().filter(reader -> branchOf(reader).isPresent()).toList();
      AuthorizationManager authorizations = command.getAuthorizationManager();
      for (String reader : readers) {
        if (!stay.contains(reader)) {
          authorizations.deleteAuthorizationsByResourceIdAndGroupId(Resources.USER, userId, reader);
        }
      }
      return null;
    });
  }

  /** The groups' grants on the user, by group, in one statement (without an authorization check, as the hooks run). */
  private static Map<String, Authorization> groupGrantsOn(String userId, CommandContext command) {
    AuthorizationQueryImpl query = new AuthorizationQueryImpl();
    query.authorizationType(AUTH_TYPE_GRANT).resourceType(Resources.USER).resourceId(userId);
    Map<String, Authorization> grants = new HashMap<>();
    for (Authorization grant : command.getAuthorizationManager().selectAuthorizationByQueryCriteria(query)) {
      if (grant.getGroupId() != null) {
        grants.put(grant.getGroupId(), grant);
      }
    }
    return grants;
  }

  /**
   * The groups that read the members of {@code groupId}: for a branch's staff group the branch's groups, for a group of
   * {@link #HOLDERS_OF_BRANCH_TASKS} the groups of every branch (every branch's staff group in the directory: the
   * directory's groups are listed, one statement, as only a listing names every branch's groups inside the engine),
   * for any other group none.
   */
  private static List<String> readersOfMembersOf(String groupId, CommandContext command) {
    Optional<String> branch = branchOf(groupId);
    if (branch.isPresent()) {
      return readers(branch.get());
    }
    if (!HOLDERS_OF_BRANCH_TASKS.contains(groupId)) {
      return List.of();
    }
    return command.getReadOnlyIdentityProvider().createGroupQuery(command).list().stream().map(Group::getId)
        .filter(group -> branchOf(group).isPresent()).toList();
  }
}
