package com.smeloanflow.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.smeloanflow.process.LoanOriginationProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.query.Query;
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
 * branch's tasks. Team leads read and reassign all tasks.
 */
@Component
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  public static final String FILTER_MY_TASKS = "我的待办";
  public static final String FILTER_GROUP_TASKS = "我的组任务";
  public static final String FILTER_ALL_TASKS = "全部任务";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final BranchDirectory branches;

  public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService, BranchDirectory branches) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.branches = branches;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void setUp() {
    List<String> taskWorkers = new ArrayList<>(Groups.TASK_WORKERS);
    for (String[] group : Groups.CENTRAL) {
      ensureGroup(group[0], group[1]);
    }
    for (BranchDirectory.Branch branch : branches.activeBranches()) {
      ensureGroup(Groups.acceptance(branch.code()), branch.name() + " 受理岗");
      ensureGroup(Groups.customerManagers(branch.code()), branch.name() + " 客户经理");
      taskWorkers.add(Groups.acceptance(branch.code()));
      taskWorkers.add(Groups.customerManagers(branch.code()));
      // Counter intake: branch staff start loan-origination from Tasklist's start form.
      for (String group : List.of(Groups.acceptance(branch.code()), Groups.customerManagers(branch.code()))) {
        grant(group, Resources.PROCESS_DEFINITION, LoanOriginationProcess.KEY,
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
      }
    }

    Filter myTasks = ensureFilter(FILTER_MY_TASKS, -10, "分配给我的任务",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    Filter groupTasks = ensureFilter(FILTER_GROUP_TASKS, -5, "我所在岗位可领取的任务",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    Filter allTasks = ensureFilter(FILTER_ALL_TASKS, 0, "团队全部任务(主管)", taskService.createTaskQuery());

    for (String group : taskWorkers) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
      grant(group, Resources.FILTER, myTasks.getId(), Permissions.READ);
      grant(group, Resources.FILTER, groupTasks.getId(), Permissions.READ);
    }
    grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);

    // Team leads: every task, reassignment, Cockpit to follow the flows.
    grant(Groups.TEAM_LEADS, Resources.FILTER, allTasks.getId(), Permissions.READ);
    grant(Groups.TEAM_LEADS, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.TASK_ASSIGN);
    grant(Groups.TEAM_LEADS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Groups.TEAM_LEADS, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    grant(Groups.TEAM_LEADS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);

    // Process owners deploy and migrate process versions and edit decision tables.
    grant(Groups.PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    for (Resource resource : List.of(Resources.DEPLOYMENT, Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE,
        Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION, Resources.BATCH)) {
      grant(Groups.PROCESS_OWNERS, resource, "*", Permissions.ALL);
    }

    // Administrators: everything, as Camunda's own admin setup does.
    for (Resource resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
    }
    log.info("Identity set up: {} groups with task access, filters {}, {}, {}", taskWorkers.size(),
        FILTER_MY_TASKS, FILTER_GROUP_TASKS, FILTER_ALL_TASKS);
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private Filter ensureFilter(String name, int priority, String description, Query<?, ?> query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      filter.setQuery(query);
      filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
      filterService.saveFilter(filter);
    }
    return filter;
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
