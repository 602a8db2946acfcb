package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import com.smeloanflow.support.WebappLogin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the system users of outside systems (the channel gateway's {@code channel}, core banking's {@code core-banking},
 * Prometheus's {@code monitoring}) reach of the process engine: nothing. They call the bank's API ({@code /api}) with their secret; in the demo they are
 * also Camunda users with the password {@code demo}, yet with it they list, read, start and complete nothing on the
 * engine REST API ({@code /engine-rest}) and log in to no webapp (Tasklist, Cockpit, Admin, the welcome page), so
 * staff's tasks, their variables and history, the deployments and the user directory stay out of their reach.
 */
class SystemUserEngineReachApiTest extends AbstractIntegrationTest {

  static final List<String> SYSTEM_USERS = List.of(CHANNEL, "core-banking", "monitoring");

  @LocalServerPort private int port;

  private String applicationId;
  private Task task;

  @BeforeEach
  void anApplicationWithATaskOfStaff() {
    applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    task = taskService.createTaskQuery().processInstanceBusinessKey(applicationId).list().get(0);
  }

  @Test
  void aSystemUserListsReadsStartsAndCompletesNothingOnTheEngineRestApi() {
    String instance = task.getProcessInstanceId();
    List<String[]> calls = List.of(
        new String[] {"GET", "/engine-rest/task?maxResults=50"},
        new String[] {"GET", "/engine-rest/task/count"},
        new String[] {"GET", "/engine-rest/task/" + task.getId()},
        new String[] {"GET", "/engine-rest/task/" + task.getId() + "/variables"},
        new String[] {"POST", "/engine-rest/task/" + task.getId() + "/complete"},
        new String[] {"POST", "/engine-rest/task/" + task.getId() + "/claim"},
        new String[] {"GET", "/engine-rest/process-instance?maxResults=50"},
        new String[] {"GET", "/engine-rest/process-instance/" + instance + "/variables"},
        new String[] {"GET", "/engine-rest/process-definition?maxResults=50"},
        new String[] {"POST", "/engine-rest/process-definition/key/loan-origination/start"},
        new String[] {"GET", "/engine-rest/variable-instance?maxResults=50"},
        new String[] {"GET", "/engine-rest/history/process-instance?maxResults=50"},
        new String[] {"GET", "/engine-rest/history/task?maxResults=50"},
        new String[] {"GET", "/engine-rest/history/variable-instance?maxResults=50"},
        new String[] {"GET", "/engine-rest/history/user-operation?maxResults=50"},
        new String[] {"GET", "/engine-rest/deployment?maxResults=50"},
        new String[] {"GET", "/engine-rest/user?maxResults=50"},
        new String[] {"GET", "/engine-rest/user/" + CHANNEL + "/profile"},
        new String[] {"GET", "/engine-rest/group?maxResults=50"},
        new String[] {"GET", "/engine-rest/identity/groups?userId=" + CHANNEL},
        new String[] {"GET", "/engine-rest/filter?maxResults=50"},
        new String[] {"GET", "/engine-rest/authorization?maxResults=50"},
        new String[] {"GET", "/engine-rest/version"});
    SoftAssertions softly = new SoftAssertions();
    for (String user : SYSTEM_USERS) {
      for (String[] call : calls) {
        Response answer = api.send(call[0], call[1], user, DemoData.PASSWORD, call[0].equals("POST") ? "{}" : null);
        softly.assertThat(answer.status()).as("%s %s by %s → %s", call[0], call[1], user, answer).isEqualTo(403);
        softly.assertThat(answer.json().path("message").asText()).as("%s %s by %s", call[0], call[1], user)
            .isEqualTo("系统用户 " + user + " 不可使用流程引擎接口和 Camunda 网页应用, 只可调用本行接口 /api (system user '" + user
                + "' may not use the engine REST API or the Camunda webapps; it calls the bank's API /api only)");
      }
    }
    softly.assertAll();
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .as("the task is still the acceptance team's, unclaimed").isNull();
  }

  /**
   * {@code POST /identity/verify} checks a user's password for whoever may read the user (the leads of a central team
   * read every user), over the engine REST API and in a webapp session: a system user's is not checked for anybody,
   * right or wrong, on either path; a member of staff's still is.
   */
  @Test
  void noUserOfTheEngineChecksASystemUsersPassword() throws Exception {
    SoftAssertions softly = new SoftAssertions();
    for (String user : List.of(CHANNEL, "core-banking", "Core-Banking")) {
      for (String password : List.of(DemoData.PASSWORD, "guess")) {
        for (String path : List.of("/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify")) {
          Response answer = api.send("POST", path, "team-lead", DemoData.PASSWORD,
              "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
          softly.assertThat(answer.status()).as("%s for %s by team-lead → %s", path, user, answer).isEqualTo(403);
          softly.assertThat(answer.json().path("message").asText()).as("%s for %s", path, user)
              .isEqualTo("系统用户 " + user + " 的密码不可经流程引擎接口核验 (the password of system user '" + user
                  + "' is not checked over the engine REST API)");
        }
      }
    }
    WebappLogin session = WebappLogin.to(port, "tasklist", "team-lead", DemoData.PASSWORD);
    HttpResponse<String> webapp = session.client().send(HttpRequest.newBuilder(
            URI.create(session.base() + "/camunda/api/engine/engine/default/identity/verify"))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", WebappLogin.xsrfToken(session.client()))
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"channel\", \"password\": \"demo\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    softly.assertThat(webapp.statusCode()).as("in Tasklist's session: %s", webapp.body()).isEqualTo(403);
    Response staff = api.send("POST", "/engine-rest/identity/verify", "team-lead", DemoData.PASSWORD,
        "{\"username\": \"zy001-cm\", \"password\": \"demo\"}");
    softly.assertThat(staff.status()).as("a member of staff's password: %s", staff).isEqualTo(200);
    softly.assertThat(staff.json().path("authenticated").asBoolean()).as("%s", staff).isTrue();
    softly.assertAll();
  }

  /**
   * A directory may compare user ids in any case and trim them (LDAP): a system user's id in another case or with
   * blanks around is barred as the id itself, on the engine REST API and at a webapp's login, before any password.
   */
  @Test
  void aSystemUserInAnotherCaseOrWithBlanksAroundIsBarredToo() throws Exception {
    SoftAssertions softly = new SoftAssertions();
    for (String user : List.of("Channel", " channel", "CORE-BANKING", "monitoring ", "\tMonitoring")) {
      Response answer = api.send("GET", "/engine-rest/task?maxResults=50", user, DemoData.PASSWORD, null);
      softly.assertThat(answer.status()).as("'%s' on the engine REST API → %s", user, answer).isEqualTo(403);
      softly.assertThat(answer.json().path("message").asText()).as("'%s'", user)
          .startsWith("系统用户 " + user + " 不可使用流程引擎接口和 Camunda 网页应用");
      HttpResponse<String> login = WebappLogin.to(port, "tasklist", user, DemoData.PASSWORD).response();
      softly.assertThat(login.statusCode()).as("'%s' logs in to Tasklist: %s", user, login.body()).isEqualTo(403);
    }
    softly.assertAll();
  }

  @Test
  void aSystemUserLogsInToNoWebapp() throws Exception {
    for (String user : SYSTEM_USERS) {
      for (String app : List.of("welcome", "tasklist", "cockpit", "admin")) {
        WebappLogin session = WebappLogin.to(port, app, user, DemoData.PASSWORD);
        HttpResponse<String> login = session.response();
        HttpResponse<String> users = session.get("/camunda/api/engine/engine/default/user");

        assertThat(login.statusCode()).as("%s logs in to %s: %s", user, app, login.body()).isEqualTo(403);
        assertThat(login.body()).as("%s logs in to %s", user, app).contains("系统用户 " + user + " 不可使用流程引擎接口和 Camunda 网页应用");
        assertThat(users.statusCode()).as("%s, after logging in to %s, lists users: %s", user, app, users.body())
            .isNotEqualTo(200);
      }
    }
  }
}
