package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import com.smeloanflow.support.WebappLogin;
import java.net.http.HttpResponse;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the system users of outside systems (the channel gateway's {@code channel}, core banking's {@code core-banking})
 * reach of the process engine: nothing. They call the bank's API ({@code /api}) with their secret; in the demo they are
 * also Camunda users with the password {@code demo}, yet with it they list, read, start and complete nothing on the
 * engine REST API ({@code /engine-rest}) and log in to no webapp (Tasklist, Cockpit, Admin, the welcome page), so
 * staff's tasks, their variables and history, the deployments and the user directory stay out of their reach.
 */
class SystemUserEngineReachApiTest extends AbstractIntegrationTest {

  static final List<String> SYSTEM_USERS = List.of(CHANNEL, "core-banking");

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
