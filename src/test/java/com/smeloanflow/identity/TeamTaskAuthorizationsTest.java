package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task grants that candidate groups bring, on an engine with authorizations on: a group's staff see and work
 * the task, its team's leads see and reassign it; and when an administrator removes a candidate group, its staff
 * and (unless another of the team's groups stays a candidate) its leads no longer see the task.
 */
class TeamTaskAuthorizationsTest {

  private static final String ZY001_ACCEPTANCE = "ZY001-acceptance";
  private static final String ZY001_MANAGERS = "ZY001-customer-managers";
  private static final String ZY001_LEADS = "ZY001-leads";
  private static final String ZY002_ACCEPTANCE = "ZY002-acceptance";
  private static final String ZY002_LEADS = "ZY002-leads";

  private static ProcessEngine engine;
  private static TaskService tasks;
  private static AuthorizationService authorizations;
  private static IdentityService identity;
  private final List<String> created = new ArrayList<>();

  @BeforeAll
  static void engineWithAuthorizations() {
    StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
    // Its own name, so that closing it does not unregister the application's engine in this JVM.
    config.setProcessEngineName("team-task-authorizations-test");
    config.setJdbcUrl("jdbc:h2:mem:team-task-authorizations;DB_CLOSE_DELAY=-1");
    config.setDatabaseSchemaUpdate("create-drop");
    config.setJobExecutorActivate(false);
    config.setHistory("none");
    config.setAuthorizationEnabled(true);
    config.setDefaultUserPermissionNameForTask("TASK_WORK");
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new TeamTaskAuthorizations())));
    engine = config.buildProcessEngine();
    tasks = engine.getTaskService();
    authorizations = engine.getAuthorizationService();
    identity = engine.getIdentityService();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @AfterEach
  void deleteTasks() {
    identity.clearAuthentication();
    created.forEach(id -> tasks.deleteTask(id, true));
    created.clear();
  }

  @Test
  void aCandidateGroupsStaffWorkTheTaskAndItsLeadsReadAndReassignIt() {
    String task = taskFor(ZY001_ACCEPTANCE);

    assertThat(permissions(ZY001_ACCEPTANCE, task)).containsExactlyInAnyOrder("READ", "TASK_WORK");
    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_ASSIGN");
    assertThat(sees(ZY001_ACCEPTANCE, task)).isTrue();
    assertThat(sees(ZY001_LEADS, task)).isTrue();
    assertThat(sees(ZY002_LEADS, task)).isFalse();
  }

  @Test
  void removingTheOnlyCandidateGroupTakesTheTaskAwayFromItsStaffAndItsLeads() {
    String task = taskFor(ZY001_ACCEPTANCE);

    tasks.deleteCandidateGroup(task, ZY001_ACCEPTANCE);

    assertThat(sees(ZY001_ACCEPTANCE, task)).isFalse();
    assertThat(sees(ZY001_LEADS, task)).isFalse();
    assertThat(grant(ZY001_ACCEPTANCE, task)).isNull();
    assertThat(grant(ZY001_LEADS, task)).isNull();
  }

  @Test
  void anotherBranchAddedAndRemovedAgainSeesNothingOfTheTaskAfterwards() {
    String task = taskFor(ZY001_ACCEPTANCE);
    tasks.addCandidateGroup(task, ZY002_ACCEPTANCE);
    assertThat(sees(ZY002_ACCEPTANCE, task)).isTrue();

    tasks.deleteCandidateGroup(task, ZY002_ACCEPTANCE);

    assertThat(sees(ZY002_ACCEPTANCE, task)).isFalse();
    assertThat(sees(ZY002_LEADS, task)).isFalse();
    assertThat(sees(ZY001_ACCEPTANCE, task)).isTrue();
    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_ASSIGN");
  }

  @Test
  void theLeadsKeepTheirGrantWhileAnotherGroupOfTheTeamStaysACandidate() {
    String task = taskFor(ZY001_ACCEPTANCE, ZY001_MANAGERS);

    tasks.deleteCandidateGroup(task, ZY001_ACCEPTANCE);

    assertThat(sees(ZY001_ACCEPTANCE, task)).isFalse();
    assertThat(sees(ZY001_MANAGERS, task)).isTrue();
    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_ASSIGN");
  }

  @Test
  void leadsRemovedAsCandidatesStopWorkingTheTaskButStillReassignTheirTeamsTask() {
    String task = taskFor(ZY001_ACCEPTANCE, ZY001_LEADS);
    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_WORK", "TASK_ASSIGN");

    tasks.deleteCandidateGroup(task, ZY001_LEADS);

    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_ASSIGN");
    assertThat(sees(ZY001_LEADS, task)).isTrue();
  }

  @Test
  void removingACandidateUserLeavesTheGroupsGrantsAloneAndTakesTheTaskAwayFromTheUser() {
    String task = taskFor(ZY001_ACCEPTANCE);
    tasks.addCandidateUser(task, "zy002-clerk");
    assertThat(userSees("zy002-clerk", task)).isTrue();

    tasks.deleteCandidateUser(task, "zy002-clerk");

    assertThat(userSees("zy002-clerk", task)).isFalse();
    assertThat(permissions(ZY001_ACCEPTANCE, task)).containsExactlyInAnyOrder("READ", "TASK_WORK");
    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_ASSIGN");
  }

  @Test
  void theAssigneeRemovedAsACandidateUserStillSeesTheirTask() {
    String task = taskFor(ZY001_ACCEPTANCE);
    tasks.addCandidateUser(task, "zy001-clerk");
    tasks.setAssignee(task, "zy001-clerk");

    tasks.deleteCandidateUser(task, "zy001-clerk");

    assertThat(userSees("zy001-clerk", task)).isTrue();
  }

  /**
   * 督办逾期贷款 and 尽职免责认定 are offered to a branch's lead group itself: no team's leads reassign them, so the group's
   * own members, peers, may (only among themselves: they are the only candidates); another branch's leads see nothing.
   */
  @Test
  void aLeadGroupOfferedTheTaskItselfWorksAndReassignsIt() {
    String task = taskFor(ZY001_LEADS);

    assertThat(permissions(ZY001_LEADS, task)).containsExactlyInAnyOrder("READ", "TASK_WORK", "TASK_ASSIGN");
    assertThat(grant(ZY002_LEADS, task)).isNull();
    assertThat(sees(ZY002_LEADS, task)).isFalse();

    tasks.deleteCandidateGroup(task, ZY001_LEADS);

    assertThat(grant(ZY001_LEADS, task)).as("removed as the only candidate: nothing left").isNull();
  }

  /** A lead-group task opened before its leads could reassign it gets the right at the next start, once. */
  @Test
  void anOpenLeadGroupTaskOfTheVersionBeforeGetsTheRightToReassignAtStart() {
    String before = taskFor(ZY001_LEADS);
    String assigned = taskFor(ZY002_LEADS);
    tasks.setAssignee(assigned, "zy002-lead");
    String teamTask = taskFor(ZY001_ACCEPTANCE);
    for (String task : List.of(before, assigned)) {
      Authorization grant = grant(task.equals(before) ? ZY001_LEADS : ZY002_LEADS, task);
      grant.removePermission(TaskPermissions.TASK_ASSIGN);
      authorizations.saveAuthorization(grant);
    }
    LeadGroupTaskGrants upgrade = new LeadGroupTaskGrants(tasks, authorizations, engine.getManagementService(),
        new BusinessClock());

    assertThat(upgrade.grantOpenTasks()).isEqualTo(2);

    assertThat(permissions(ZY001_LEADS, before)).containsExactlyInAnyOrder("READ", "TASK_WORK", "TASK_ASSIGN");
    assertThat(permissions(ZY002_LEADS, assigned)).as("one a lead holds too").containsExactlyInAnyOrder("READ", "TASK_WORK",
        "TASK_ASSIGN");
    assertThat(permissions(ZY001_ACCEPTANCE, teamTask)).as("a team's task unchanged").containsExactlyInAnyOrder("READ", "TASK_WORK");
    assertThat(upgrade.grantOpenTasks()).as("the next start: nothing left to do").isZero();
  }

  /**
   * A start reads only the lead-group tasks opened since the last one began (less an hour for clocks that differ): one
   * an old node opened meanwhile gets the right, one checked before is not read again.
   */
  @Test
  void aStartReadsOnlyTheLeadGroupTasksOpenedSinceTheLastOne() {
    LeadGroupTaskGrants upgrade = new LeadGroupTaskGrants(tasks, authorizations, engine.getManagementService(),
        new BusinessClock());
    Instant now = Instant.now();
    try {
      ClockUtil.setCurrentTime(Date.from(now));
      String checked = taskFor(ZY001_LEADS);
      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(2))));
      upgrade.grantOpenTasks();
      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(4))));
      String openedByAnOldNode = taskFor(ZY002_LEADS);
      for (String task : List.of(checked, openedByAnOldNode)) {
        Authorization grant = grant(task.equals(checked) ? ZY001_LEADS : ZY002_LEADS, task);
        grant.removePermission(TaskPermissions.TASK_ASSIGN);
        authorizations.saveAuthorization(grant);
      }

      assertThat(upgrade.grantOpenTasks()).as("only the task opened since the last start").isEqualTo(1);

      assertThat(permissions(ZY002_LEADS, openedByAnOldNode)).contains("TASK_ASSIGN");
      assertThat(permissions(ZY001_LEADS, checked)).as("checked by the last start: not read again").doesNotContain("TASK_ASSIGN");
    } finally {
      ClockUtil.reset();
      engine.getManagementService().deleteProperty(LeadGroupTaskGrants.CHECKED_FROM);
    }
  }

  /**
   * A lead-group task completed on another node between the start's query and its read of the task's candidate groups
   * is left alone; the start goes on, and the other tasks get the right.
   */
  @Test
  void aLeadGroupTaskEndedWhileTheStartReadsItIsSkippedAndTheOthersGetTheRight() {
    String ended = taskFor(ZY001_LEADS);
    String open = taskFor(ZY002_LEADS);
    for (String task : List.of(ended, open)) {
      Authorization grant = grant(task.equals(ended) ? ZY001_LEADS : ZY002_LEADS, task);
      grant.removePermission(TaskPermissions.TASK_ASSIGN);
      authorizations.saveAuthorization(grant);
    }
    TaskService endedOnAnotherNode = (TaskService) Proxy.newProxyInstance(TaskService.class.getClassLoader(),
        new Class<?>[] {TaskService.class}, (proxy, method, args) -> {
          if (method.getName().equals("getIdentityLinksForTask") && ended.equals(args[0])) {
            tasks.deleteTask(ended, true);
            created.remove(ended);
          }
          try {
            return method.invoke(tasks, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    LeadGroupTaskGrants upgrade = new LeadGroupTaskGrants(endedOnAnotherNode, authorizations,
        engine.getManagementService(), new BusinessClock());
    try {
      assertThat(upgrade.grantOpenTasks()).isEqualTo(1);

      assertThat(permissions(ZY002_LEADS, open)).containsExactlyInAnyOrder("READ", "TASK_WORK", "TASK_ASSIGN");
      assertThat(grant(ZY001_LEADS, ended)).as("the ended task's grants went with it").isNull();
    } finally {
      engine.getManagementService().deleteProperty(LeadGroupTaskGrants.CHECKED_FROM);
    }
  }

  @Test
  void aCompletedTaskLeavesNoGrantBehind() {
    String task = taskFor(ZY001_ACCEPTANCE, ZY001_LEADS, ZY002_ACCEPTANCE);

    tasks.complete(task);
    created.remove(task);

    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task).count()).isZero();
  }

  private String taskFor(String... groups) {
    Task task = tasks.newTask();
    task.setName("受理贷款申请");
    tasks.saveTask(task);
    created.add(task.getId());
    for (String group : groups) {
      tasks.addCandidateGroup(task.getId(), group);
    }
    return task.getId();
  }

  /** Whether a member of the group finds the task in a task query (what Tasklist asks). */
  private boolean sees(String group, String taskId) {
    return finds("member-of-" + group, List.of(group), taskId);
  }

  /** Whether the user, in no group, finds the task in a task query. */
  private boolean userSees(String user, String taskId) {
    return finds(user, List.of(), taskId);
  }

  private boolean finds(String user, List<String> groups, String taskId) {
    identity.setAuthentication(user, groups);
    try {
      return tasks.createTaskQuery().taskId(taskId).count() == 1;
    } finally {
      identity.clearAuthentication();
    }
  }

  private Authorization grant(String group, String taskId) {
    return authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId).groupIdIn(group)
        .singleResult();
  }

  private List<String> permissions(String group, String taskId) {
    Authorization grant = grant(group, taskId);
    List<String> names = new ArrayList<>();
    if (grant != null) {
      for (var permission : List.of(Permissions.READ, TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN, Permissions.UPDATE)) {
        if (grant.isPermissionGranted(permission)) {
          names.add(permission.getName());
        }
      }
    }
    return names;
  }
}
