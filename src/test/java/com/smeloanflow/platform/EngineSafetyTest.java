package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.support.TestApplications;
import com.smeloanflow.support.WebappLogin;
import java.net.http.HttpResponse;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a deployment, a variable or a query can reach in the engine: expressions see only the beans
 * the build's models name and no reflection; Object variables only of allowed types; queries at most
 * 2,000 rows; operations endpoints only for operators.
 */
class EngineSafetyTest extends AbstractIntegrationTest {

  @Autowired ApplicationContext context;
  @Autowired ExpressionSandbox expressionSandbox;

  @LocalServerPort int port;

  private String deploymentId;

  @AfterEach
  void undeploy() {
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void everyBeanTheModelsNameIsAllowedAndNothingElse() {
    Set<String> named = ExpressionSandbox.rootIdentifiersOfBuiltModels();
    Set<String> allowed = expressionSandbox.allowedBeanNames();

    named.stream().filter(context::containsBean).forEach(bean -> assertThat(allowed).as("bean %s named in bpmn/", bean).contains(bean));
    assertThat(allowed).contains("sendApplicantMail", "separationOfDutiesGuard", "committee", "applicationStatus")
        .doesNotContain("environment", "dataSource", "processEngineConfiguration", "identityService", "jdbcTemplate");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a deployment reading the database password from the environment | ${environment.getProperty('spring.datasource.password')} | environment
      reflection through getClass()                                    | ${sendApplicantMail.getClass().getClassLoader()}          | getClass
      the engine's services through the execution                       | ${execution.processEngineServices.identityService}         | processEngineServices
      """)
  void aDeployedExpressionReachingBeyondItsBeansFails(String what, String expression, String refused) {
    String instance = startOneStepProcess(expression);

    assertThatThrownBy(() -> executeDueJobs(instance)).as(what).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(refused);
  }

  @Test
  void aTaskCompletionWithAJsonObjectVariableOfAForeignTypeIsRefused() {
    Task task = acceptanceTask();
    String body = """
        {"variables":{"loader":{"type":"Object","value":"{}",
          "valueInfo":{"objectTypeName":"java.net.URLClassLoader","serializationDataFormat":"application/json"}}}}""";

    Response answer = api.post("/engine-rest/task/" + task.getId() + "/complete", "zy001-acceptor", body);

    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertThat(answer.json().path("message").asText()).isEqualTo("拒绝 Object 变量: 不允许类型 java.net.URLClassLoader"
        + " (object variables refused: type java.net.URLClassLoader is not allowed)");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
  }

  @Test
  void aTaskCompletionWithAJavaSerializedVariableIsRefused() {
    Task task = acceptanceTask();
    String body = """
        {"variables":{"payload":{"type":"Object","value":"rO0ABXQAA2FiYw==",
          "valueInfo":{"objectTypeName":"java.lang.String","serializationDataFormat":"application/x-java-serialized-object"}}}}""";

    Response answer = api.post("/engine-rest/task/" + task.getId() + "/complete", "zy001-acceptor", body);

    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  /**
   * A text longer than the engine's 4,000-character column failed with a database error (500). Camunda lets only
   * process owners and administrators write a task's variables (UPDATE_TASK_VARIABLE); a task worker works the task
   * (TASK_WORK) and is refused with 403 by Camunda, or earlier with 400 for a text too long.
   */
  @Test
  void aTaskVariableTooLongToStoreIsRefusedNamingItAndFourThousandCharactersAreStored() {
    Task task = acceptanceTask();
    String path = "/engine-rest/task/" + task.getId() + "/variables/note";
    String tooLongBody = "{\"value\":\"" + "注".repeat(4001) + "\",\"type\":\"String\"}";
    String fittingBody = "{\"value\":\"" + "注".repeat(4000) + "\",\"type\":\"String\"}";
    String refusal = "note 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字"
        + " (note has 4001 characters, whitespace at the ends included, more than the 4000 the engine stores)";

    Response tooLong = api.send("PUT", path, "process-owner", DemoData.PASSWORD, tooLongBody);

    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.json().path("message").asText()).isEqualTo(refusal);
    assertThat(taskService.getVariable(task.getId(), "note")).as("nothing stored").isNull();

    Response fits = api.send("PUT", path, "process-owner", DemoData.PASSWORD, fittingBody);

    assertThat(fits.status()).as(fits.toString()).isEqualTo(204);
    assertThat((String) taskService.getVariable(task.getId(), "note")).hasSize(4000);

    Response worker = api.send("PUT", path, "zy001-acceptor", DemoData.PASSWORD, tooLongBody);
    assertThat(worker.status()).as(worker.toString()).isEqualTo(400);
    assertThat(worker.json().path("message").asText()).isEqualTo(refusal);
    assertThat(api.send("PUT", path, "zy001-acceptor", DemoData.PASSWORD, fittingBody).status())
        .as("a task worker may not write a task's variables").isEqualTo(403);
  }

  @Test
  void taskVariableModificationsWithATextTooLongToStoreAreRefusedAndNoneIsStored() {
    Task task = acceptanceTask();
    String body = "{\"modifications\":{\"remark\":{\"value\":\"已核对\",\"type\":\"String\"},"
        + "\"note\":{\"value\":\" " + "a".repeat(4000) + "\"}}}";

    Response answer = api.post("/engine-rest/task/" + task.getId() + "/variables", "process-owner", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("note 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字"
        + " (note has 4001 characters, whitespace at the ends included, more than the 4000 the engine stores)");
    assertThat(taskService.getVariables(task.getId())).as("nothing stored").doesNotContainKeys("note", "remark");
  }

  @Test
  void theEngineRefusesToReadAStoredVariableOfAForeignType() {
    Task task = acceptanceTask();
    runtimeService.setVariable(task.getProcessInstanceId(), "smuggled",
        org.camunda.bpm.engine.variable.Variables.serializedObjectValue("\"https://example.com/x.jar\"")
            .objectTypeName("java.net.URL").serializationDataFormat("application/json").create());

    assertThatThrownBy(() -> runtimeService.getVariable(task.getProcessInstanceId(), "smuggled"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("java.net.URL");
    runtimeService.removeVariable(task.getProcessInstanceId(), "smuggled");
  }

  @Test
  void anUnboundedHistoryQueryIsRefusedNamingTheLimit() {
    Response unbounded = api.get("/engine-rest/history/process-instance", "team-lead");
    Response tooMany = api.get("/engine-rest/history/process-instance?maxResults=5000", "team-lead");
    Response paged = api.get("/engine-rest/history/process-instance?firstResult=0&maxResults=50", "team-lead");

    assertThat(unbounded.status()).as(unbounded.toString()).isEqualTo(400);
    assertThat(unbounded.body()).contains("unbound");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body()).contains("2000");
    assertThat(paged.status()).isEqualTo(200);
  }

  @Test
  void aNegativeFirstResultIsABadRequest() {
    Response answer = api.get("/engine-rest/task?firstResult=-1&maxResults=10", "zy001-acceptor");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(answer.json().path("message").asText())
        .isEqualTo("firstResult 须为从 0 起的整数, 不能是 '-1' (firstResult must be a whole number from 0, not '-1')");
  }

  @Test
  void aBodyOverTheCheckedSizeIsRefusedWith413SayingSoInChinese() {
    Task task = acceptanceTask();
    byte[] body = new byte[EngineApiGuard.MAX_CHECKED_BODY_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');

    Response answer = api.postBytes("/engine-rest/task/" + task.getId() + "/complete", "zy001-acceptor", "application/json", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.json().path("message").asText()).isEqualTo("请求体超过 " + EngineApiGuard.MAX_CHECKED_BODY_BYTES
        + " 字节 (request body larger than " + EngineApiGuard.MAX_CHECKED_BODY_BYTES + " bytes)");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} MB, length declared: {1}")
  @CsvSource({"20, true", "20, false", "50, true", "50, false"})
  void aCarelessUploadFarOverTheCheckedSizeGetsThe413NotABrokenConnection(int megabytes, boolean declared) {
    Task task = acceptanceTask();

    Response answer = api.postSpaces("/engine-rest/task/" + task.getId() + "/complete", "zy001-acceptor",
        "application/json", megabytes * 1024L * 1024, declared);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.json().path("message").asText()).isEqualTo("请求体超过 " + EngineApiGuard.MAX_CHECKED_BODY_BYTES
        + " 字节 (request body larger than " + EngineApiGuard.MAX_CHECKED_BODY_BYTES + " bytes)");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
  }

  @Test
  void staffMayNotSendSignalsNorReadJobsAndMetrics() {
    for (String user : new String[] {"zy001-acceptor", "approver", "channel"}) {
      assertThat(api.post("/engine-rest/signal", user, "{\"name\":\"anything\"}").status()).as("signal by %s", user).isIn(401, 403);
      assertThat(api.get("/engine-rest/job?maxResults=10", user).status()).as("jobs for %s", user).isIn(401, 403);
      assertThat(api.get("/engine-rest/metrics/activity-instance-start/sum", user).status()).as("metrics for %s", user).isIn(401, 403);
    }
    assertThat(api.get("/engine-rest/job?maxResults=10", "team-lead").status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/metrics/activity-instance-start/sum", "process-owner").status()).isEqualTo(200);
    assertThat(api.post("/engine-rest/signal", "process-owner", "{\"name\":\"no-one-listens\"}").status()).isEqualTo(204);
  }

  @Test
  void staffMayNeitherCorrelateMessagesNorCountEveryBranchsInstances() {
    String message = "{\"messageName\":\"WarningSignalRaised\",\"businessKey\":\"LN19990101000001\"}";
    for (String user : new String[] {"zy001-acceptor", "zy002-lead", "approver"}) {
      Response refused = api.post("/engine-rest/message", user, message);
      assertThat(refused.status()).as("message by %s", user).isEqualTo(403);
      assertThat(refused.body()).as("names no instance").doesNotContain("ProcessInstance");
    }
    assertThat(api.post("/engine-rest/message", "process-owner", message).status()).as("reaches the engine: no match")
        .isEqualTo(400);

    assertThat(api.get("/engine-rest/process-definition/statistics", "zy001-acceptor").status()).isEqualTo(403);
    assertThat(api.get("/engine-rest/process-definition/key/loan-origination/statistics", "zy002-cm").status())
        .isEqualTo(403);
    assertThat(api.get("/engine-rest/process-definition/statistics", "team-lead").status()).isEqualTo(200);
  }

  @Test
  void aLeadWhoMayReassignATaskMayNotOfferItToAnotherBranch() {
    String key = "candidate-links-probe";
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().userTask("UserTask_Probe").camundaCandidateGroups("ZY001-acceptance").endEvent().done();
    deploymentId = repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy().getId();
    String instance = runtimeService.startProcessInstanceByKey(key).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    String links = "/engine-rest/task/" + task.getId() + "/identity-links";
    assertThat(api.get(links, "team-lead").status()).as("ZY001's lead reads the task's links").isEqualTo(200);

    Response added = api.post(links, "team-lead", "{\"groupId\":\"ZY002-acceptance\",\"type\":\"candidate\"}");
    Response removed = api.post(links + "/delete", "team-lead", "{\"groupId\":\"ZY001-acceptance\",\"type\":\"candidate\"}");

    assertThat(added.status()).as(added.toString()).isEqualTo(403);
    assertThat(added.json().path("message").asText()).isEqualTo("用户 team-lead 无权使用 /task/.../identity-links, 仅限 camunda-admin 组"
        + " (user 'team-lead' may not use /task/.../identity-links: only camunda-admin)");
    assertThat(removed.status()).as(removed.toString()).isEqualTo(403);
    assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting("groupId").containsExactly("ZY001-acceptance");
    assertThat(api.post(links, "admin", "{\"groupId\":\"ZY001-customer-managers\",\"type\":\"candidate\"}").status())
        .as("an administrator may").isEqualTo(204);
  }

  @Test
  void staffLoggedIntoTasklistMayNotReadMetricsThroughTheWebappsEngineApiEither() throws Exception {
    WebappLogin session = WebappLogin.to(port, "tasklist", "zy001-acceptor", "demo");
    HttpResponse<String> login = session.response();
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    HttpResponse<String> metrics = session.get("/camunda/api/engine/engine/default/metrics/activity-instance-start/sum");
    HttpResponse<String> tasks = session.get("/camunda/api/engine/engine/default/task?maxResults=15");

    HttpResponse<String> cockpitStatistics =
        session.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics?firstResult=0&maxResults=50");

    assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(403);
    assertThat(cockpitStatistics.statusCode()).as("Cockpit's API, every branch's counts: %s", cockpitStatistics.body())
        .isEqualTo(403);
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
  }

  /** A process with one asynchronous service task evaluating {@code expression}, started; its instance id. */
  private String startOneStepProcess(String expression) {
    String key = "expression-probe-" + Math.abs(expression.hashCode());
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("ServiceTask_Probe").camundaAsyncBefore().camundaExpression(expression).endEvent().done();
    deploymentId = repositoryService.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy().getId();
    return runtimeService.startProcessInstanceByKey(key).getId();
  }

  private Task acceptanceTask() {
    Submitted submitted = submit(TestApplications.mortgageAtBranchCounter());
    return taskService.createTaskQuery().processInstanceId(submitted.processInstance().getId()).singleResult();
  }
}
