package com.smeloanflow.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.smeloanflow.process.WhitelistCampaignProcess;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Groups, authorizations and Tasklist filters of DESIGN.md §2, in every profile (no users: those
 * come from the bank's directory, or from {@code DemoData} in the demo profile). Idempotent, so
 * every node runs it at start.
 *
 * <p>Tasks are not readable globally: a user sees a task through its candidate group (Camunda
 * grants the group "work the task" when it becomes a candidate), so branch staff see only their
 * branch's tasks. Team leads read and reassign their teams' tasks ({@link Teams}). Branch staff read the user and group
 * directory of their own branch only ({@link BranchStaffReads}), the leads of central teams all of it. The groups of each branch in the
 * {@code branch} table are set up by {@link BranchGroups}, here for the branches that exist and by
 * {@link BranchService} when an administrator creates one.
 */
@Component
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  public static final String FILTER_MY_TASKS = "我的待办";
  public static final String FILTER_GROUP_TASKS = "我的组任务";
  public static final String FILTER_TEAM_TASKS = "团队任务";
  public static final String FILTER_OVERDUE = "已超期";
  public static final String FILTER_ESCALATED = "已升级";

  private final CamundaGrants grants;
  private final TasklistFilters filters;
  private final BranchGroups branchGroups;
  private final BranchRepository branches;

  IdentitySetup(CamundaGrants grants, TasklistFilters filters, BranchGroups branchGroups, BranchRepository branches) {
    this.grants = grants;
    this.filters = filters;
    this.branchGroups = branchGroups;
    this.branches = branches;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void setUp() {
    // Every branch, active or not: a deactivated branch's staff still finish its open work.
    List<BranchDetails> all = branches.all();
    CamundaGrants grants = this.grants.readingAtOnce(groupIds(all));
    for (String[] group : Groups.CENTRAL) {
      grants.ensureGroup(group[0], group[1]);
    }
    TasklistFilters.Ids filterIds = filters.ensure();
    for (String group : Groups.TASK_WORKERS) {
      grants.taskWorker(group, filterIds);
    }
    // Head office marketing imports whitelists from Tasklist's start form (白名单导入).
    grants.grant(Groups.CAMPAIGN_MANAGERS, Resources.PROCESS_DEFINITION, WhitelistCampaignProcess.KEY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grants.grant(Groups.CAMPAIGN_MANAGERS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    grants.grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);

    for (BranchDetails branch : all) {
      branchGroups.ensure(branch.code(), branch.name(), filterIds, grants);
    }
    branchGroups.staffRead(all.stream().map(BranchDetails::code).toList(), grants);

    // Team leads see and reassign their teams' tasks only: the lead filters here, the tasks through the
    // per-task grants of TeamTaskAuthorizations to each team's lead group. What the first version granted
    // team-leads on every task, instance and Cockpit is taken back.
    grants.teamLead(Groups.TEAM_LEADS, filterIds);
    for (Teams.Central team : Teams.Central.values()) {
      grants.ensureGroup(team.leadGroup(), team.teamName() + " 团队主管");
      grants.teamLead(team.leadGroup(), filterIds);
      // The leads of a central team serve every branch: they read every user and group, as before.
      grants.readsEveryUserAndGroup(team.leadGroup());
    }
    // The team-leads role alone reads no other user or group (a branch's lead reads the branch's, BranchStaffReads).
    grants.revoke(Groups.TEAM_LEADS, Resources.USER, "*", Permissions.READ);
    grants.revoke(Groups.TEAM_LEADS, Resources.GROUP, "*", Permissions.READ);
    grants.revoke(Groups.TEAM_LEADS, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.TASK_ASSIGN);
    grants.revoke(Groups.TEAM_LEADS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.revoke(Groups.TEAM_LEADS, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    grants.revoke(Groups.TEAM_LEADS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);

    // Process owners deploy and migrate process versions and edit decision tables.
    grants.grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    for (Resource resource : List.of(Resources.DEPLOYMENT, Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE,
        Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION, Resources.BATCH)) {
      grants.grant(Groups.PROCESS_OWNERS, resource, "*", Permissions.ALL);
    }

    // Administrators: everything, as Camunda's own admin setup does.
    for (Resource resource : Resources.values()) {
      grants.grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
    }
    log.info("Identity set up: {} central task groups, {} central teams and the groups of {} branches, filters {}, {}, {}, {}, {}",
        Groups.TASK_WORKERS.size(), Teams.Central.values().length, all.size(), FILTER_MY_TASKS, FILTER_GROUP_TASKS,
        FILTER_TEAM_TASKS, FILTER_OVERDUE, FILTER_ESCALATED);
  }

  /** Every group the set-up writes or grants to (one it misses is looked up when written, as before). */
  static Set<String> groupIds(List<BranchDetails> branches) {
    Set<String> ids = new LinkedHashSet<>();
    Groups.CENTRAL.forEach(group -> ids.add(group[0]));
    ids.addAll(Groups.TASK_WORKERS);
    ids.addAll(List.of(Groups.CAMPAIGN_MANAGERS, Groups.PROCESS_OWNERS, Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN));
    for (Teams.Central team : Teams.Central.values()) {
      ids.add(team.leadGroup());
    }
    branches.forEach(branch -> ids.addAll(BranchGroups.withLeads(branch.code())));
    return ids;
  }
}
