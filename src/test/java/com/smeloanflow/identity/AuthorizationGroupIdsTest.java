package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what is the same whether the authorization checks get all of a user's groups
 * ({@link AuthorizationGroupIds}) or only those that occur in some authorization (Camunda's own manager):
 * the same engine answers the same questions with both managers, for users in groups with grants, with
 * revokes, with no authorization at all, and in no group, under every revoke-check mode.
 */
class AuthorizationGroupIdsTest {

  private static final String GRANTED = "bk1-acceptance";
  private static final String UNKNOWN = "bk1-no-authorization";
  private static final String REVOKED = "bk2-acceptance";
  private static final String LEADS = "bk1-leads";

  /** user → groups: with grants, with a grant and a revoke, with only an authorization-less group, with none. */
  private static final Map<String, List<String>> USERS = new LinkedHashMap<>();

  static {
    USERS.put("clerk", List.of(GRANTED, UNKNOWN));
    USERS.put("clerk-revoked", List.of(GRANTED, REVOKED));
    USERS.put("stranger", List.of(UNKNOWN));
    USERS.put("lead", List.of(LEADS, UNKNOWN));
    USERS.put("loner", List.of());
    USERS.put("personally-granted", List.of(UNKNOWN));
  }

  private static final List<Permission> PERMISSIONS = List.of(Permissions.READ, Permissions.UPDATE,
      TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN, Permissions.DELETE);

  private static ProcessEngine engine;
  private static ProcessEngineConfigurationImpl configuration;
  private static final List<String> taskIds = new ArrayList<>();

  @BeforeAll
  static void engineWithTasksGrantsAndRevokes() {
    StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
    // Its own name: an engine registers under its name, and closing one named "default" would unregister the
    // application's engine from the engine REST API of every Spring test in this JVM.
    config.setProcessEngineName("authorization-group-ids-test");
    config.setJdbcUrl("jdbc:h2:mem:authorization-group-ids;DB_CLOSE_DELAY=-1");
    config.setDatabaseSchemaUpdate("create-drop");
    config.setJobExecutorActivate(false);
    config.setHistory("none");
    config.setAuthorizationEnabled(true);
    config.setDefaultUserPermissionNameForTask("TASK_WORK");
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new AuthorizationGroupIds(), new TeamTaskAuthorizations())));
    engine = config.buildProcessEngine();
    configuration = config;

    TaskService tasks = engine.getTaskService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String group : List.of(GRANTED, REVOKED, GRANTED, REVOKED)) {
      Task task = tasks.newTask();
      task.setName("task of " + group);
      tasks.saveTask(task);
      tasks.addCandidateGroup(task.getId(), group);
      taskIds.add(task.getId());
    }
    // Revokes for a group (on one of its tasks, and of one permission on every task) and for a user.
    revoke(authorizations, REVOKED, null, taskIds.get(1), TaskPermissions.TASK_WORK);
    revoke(authorizations, REVOKED, null, "*", Permissions.DELETE);
    grant(authorizations, LEADS, null, Resources.TASK, "*", Permissions.READ);
    grant(authorizations, null, "personally-granted", Resources.TASK, taskIds.get(0), Permissions.READ, Permissions.UPDATE);
    revoke(authorizations, null, "clerk", taskIds.get(2), Permissions.READ);
    grant(authorizations, null, "*", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void theApplicationsManagerIsTheOneTheEngineUses() {
    AuthorizationManager manager = configuration.getCommandExecutorTxRequired()
        .execute(context -> context.getAuthorizationManager());

    assertThat(manager).isInstanceOf(AuthorizationGroupIds.Manager.class);
  }

  @Test
  void everyUserSeesAndMayDoExactlyWhatCamundasOwnManagerAllows() {
    for (String revokes : List.of("always", "never", "auto")) {
      configuration.setAuthorizationCheckRevokes(revokes);

      Map<String, Object> withAllGroups = answers();
      Map<String, Object> withCamundasFilter = withCamundasManager(AuthorizationGroupIdsTest::answers);

      assertThat(withAllGroups).as("revoke checks " + revokes).isEqualTo(withCamundasFilter);
    }
    configuration.setAuthorizationCheckRevokes("auto");
  }

  @Test
  void theAnswersDifferBetweenUsersSoTheComparisonMeansSomething() {
    configuration.setAuthorizationCheckRevokes("always");
    Map<String, Object> answers = answers();

    assertThat(answers.get("clerk tasks")).isEqualTo(List.of(taskIds.get(0)));
    assertThat(answers.get("clerk-revoked tasks")).isEqualTo(List.of(taskIds.get(0), taskIds.get(1), taskIds.get(2),
        taskIds.get(3)));
    assertThat(answers.get("stranger tasks")).isEqualTo(List.of());
    assertThat(answers.get("lead tasks")).isEqualTo(List.copyOf(taskIds));
    assertThat(answers.get("personally-granted tasks")).isEqualTo(List.of(taskIds.get(0)));
    assertThat(answers.get("clerk may TASK_WORK " + taskIds.get(0))).isEqualTo(true);
    assertThat(answers.get("clerk may READ " + taskIds.get(2))).as("a user's revoke beats the group's grant").isEqualTo(false);
    assertThat(answers.get("stranger may READ " + taskIds.get(0))).isEqualTo(false);
    configuration.setAuthorizationCheckRevokes("auto");
  }

  /** What every user sees in task queries and may do on every task and on Tasklist. */
  private static Map<String, Object> answers() {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Map<String, Object> answers = new LinkedHashMap<>();
    USERS.forEach((user, groups) -> {
      identity.setAuthentication(user, groups);
      try {
        answers.put(user + " tasks", engine.getTaskService().createTaskQuery().orderByTaskName().asc().orderByTaskId().asc()
            .list().stream().map(Task::getId).sorted(java.util.Comparator.comparingInt(taskIds::indexOf)).toList());
        answers.put(user + " count", engine.getTaskService().createTaskQuery().count());
        answers.put(user + " candidate count", groups.isEmpty() ? 0L
            : engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().count());
      } finally {
        identity.clearAuthentication();
      }
      for (String task : taskIds) {
        for (Permission permission : PERMISSIONS) {
          answers.put(user + " may " + permission.getName() + " " + task,
              authorizations.isUserAuthorized(user, groups, permission, Resources.TASK, task));
        }
      }
      answers.put(user + " may open Tasklist",
          authorizations.isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"));
    });
    return answers;
  }

  private static Map<String, Object> withCamundasManager(java.util.function.Supplier<Map<String, Object>> work) {
    var factories = configuration.getSessionFactories();
    var ours = factories.put(AuthorizationManager.class, new GenericManagerFactory(AuthorizationManager.class));
    try {
      return work.get();
    } finally {
      factories.put(AuthorizationManager.class, ours);
    }
  }

  private static void grant(AuthorizationService authorizations, String group, String user, Resource resource, String id,
      Permission... permissions) {
    save(authorizations, authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT), group, user, resource, id,
        permissions);
  }

  private static void revoke(AuthorizationService authorizations, String group, String user, String taskId,
      Permission... permissions) {
    save(authorizations, authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE), group, user, Resources.TASK,
        taskId, permissions);
  }

  private static void save(AuthorizationService authorizations, Authorization authorization, String group, String user,
      Resource resource, String id, Permission... permissions) {
    authorization.setGroupId(group);
    authorization.setUserId(user);
    authorization.setResource(resource);
    authorization.setResourceId(id);
    for (Permission permission : permissions) {
      if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
        authorization.removePermission(permission);
      } else {
        authorization.addPermission(permission);
      }
    }
    authorizations.saveAuthorization(authorization);
  }
}
