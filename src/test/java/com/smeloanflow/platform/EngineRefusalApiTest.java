package com.smeloanflow.platform;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import com.smeloanflow.support.WebappLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's own refusals that staff meet in Tasklist (a colleague claimed the task a moment ago, it was completed
 * meanwhile, it is a colleague's to unclaim, the query limit) answer as Camunda answers them, status and JSON, with the
 * message Tasklist shows in Chinese and the engine's English beside; a refusal the engine REST API wraps in English
 * ("Cannot submit task form …: ") reads Chinese first too. Answered otherwise than Camunda does: the data of a task that
 * is gone (its forms, identity links, variables) 404 as the task itself, a claim of a task a colleague holds 409 naming
 * them, a start a listener refused 400 also over /start (Camunda: 500 or 400); one claim sent twice at once holds the
 * task, not Camunda's 500 of the database, and one hand-on (改派) or delegation (委托) sent twice at once hands it on, not
 * Camunda's 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineRefusalApiTest extends AbstractIntegrationTest {

  private static final String ME = "zy001-acceptor";
  private static final String COLLEAGUE = "zy001-acceptor-b";
  private static final String TEAM_LEAD = "team-lead";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  private String acceptanceTask() {
    String applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    return taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_ACCEPT_APPLICATION)
        .singleResult().getId();
  }

  @Test
  void claimingATaskAColleagueClaimedAMomentAgoIsRefusedInChineseInTasklistAndOverTheEngineRestApi() throws Exception {
    String task = acceptanceTask();
    taskService.claim(task, secondAcceptorOfZy001());

    JsonNode inTasklist = claimAsTasklistDoes(task);
    Response overRest = api.post("/engine-rest/task/" + task + "/claim", ME, "{\"userId\":\"" + ME + "\"}");

    String expected = "待办“受理贷款申请”已由 受理员乙 (" + COLLEAGUE + ") 领取, 不能再领取, 请刷新待办列表 (Task '" + task
        + "' is already claimed by " + COLLEAGUE + ")";
    assertThat(inTasklist.path("message").asText()).isEqualTo(expected);
    assertThat(overRest.status()).as("a conflict, not Camunda's 500").isEqualTo(409);
    assertThat(overRest.json().path("message").asText()).isEqualTo(expected);
    assertThat(overRest.json().has("code")).as("Camunda's shape").isTrue();
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(COLLEAGUE);
  }

  @Test
  void aClaimSentTwiceAtOnceLeavesTheTaskWithWhoeverClaimedItAndNoErrorInTheLog(CapturedOutput log) throws Exception {
    ExecutorService clicks = Executors.newFixedThreadPool(2);
    try {
      for (int attempt = 0; attempt < 4; attempt++) {
        String task = acceptanceTask();
        CyclicBarrier doubleClick = new CyclicBarrier(2);
        Callable<Response> claim = () -> {
          doubleClick.await();
          return api.post("/engine-rest/task/" + task + "/claim", ME, "{\"userId\":\"" + ME + "\"}");
        };
        List<Future<Response>> answers = clicks.invokeAll(List.of(claim, claim));

        for (Future<Response> answer : answers) {
          assertThat(answer.get().status()).as("a double click on 认领: " + answer.get()).isEqualTo(204);
        }
        assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(ME);
      }
    } finally {
      clicks.shutdownNow();
    }
    assertThat(log.getAll()).as("a double click is no failure of the engine").doesNotContain("ENGINE-16004", "ENGINE-03083");
  }

  @Test
  void aHandOnSentTwiceAtOnceLeavesTheTaskWithTheNewAssigneeAndNoErrorInTheLog(CapturedOutput log) throws Exception {
    for (int attempt = 0; attempt < 4; attempt++) {
      String task = acceptanceTask();
      taskService.claim(task, secondAcceptorOfZy001());

      List<Response> answers = Concurrently.run(2, () -> api.post("/engine-rest/task/" + task + "/assignee", TEAM_LEAD,
          "{\"userId\":\"" + ME + "\"}"));

      for (Response answer : answers) {
        assertThat(answer.status()).as("a double click on 改派: " + answer).isEqualTo(204);
      }
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(ME);
    }
    assertThat(log.getAll()).as("a double click is no failure of the engine").doesNotContain("ENGINE-16004", "ENGINE-03083");
  }

  @Test
  void aDelegationSentTwiceAtOnceLeavesTheTaskWithTheDelegateAndNoErrorInTheLog(CapturedOutput log) throws Exception {
    for (int attempt = 0; attempt < 4; attempt++) {
      String task = acceptanceTask();
      taskService.claim(task, ME);
      String delegate = secondAcceptorOfZy001();

      List<Response> answers = Concurrently.run(2, () -> api.post("/engine-rest/task/" + task + "/delegate", TEAM_LEAD,
          "{\"userId\":\"" + delegate + "\"}"));

      for (Response answer : answers) {
        assertThat(answer.status()).as("a double click on 委托: " + answer).isEqualTo(204);
      }
      Task delegated = taskService.createTaskQuery().taskId(task).singleResult();
      assertThat(delegated.getAssignee()).isEqualTo(COLLEAGUE);
      assertThat(delegated.getOwner()).as("the task comes back to whoever held it").isEqualTo(ME);
    }
    assertThat(log.getAll()).as("a double click is no failure of the engine").doesNotContain("ENGINE-16004", "ENGINE-03083");
  }

  @Test
  void unclaimingOrHandingOnAColleaguesTaskIsRefusedInChineseWithTheMissingPermissionsStillListed() {
    String task = acceptanceTask();
    taskService.claim(task, secondAcceptorOfZy001());

    for (String call : new String[] {"unclaim", "assignee"}) {
      Response answer = api.post("/engine-rest/task/" + task + "/" + call, ME, "{\"userId\":\"" + ME + "\"}");

      assertThat(answer.status()).as(call + ": " + answer.body()).isEqualTo(403);
      assertThat(answer.json().path("type").asText()).isEqualTo("AuthorizationException");
      assertThat(answer.json().path("message").asText()).as(call)
          .startsWith("用户 " + ME + " 无权执行此操作, 须有以下权限之一: 待办 " + task + " 的指派 (TASK_ASSIGN)权限; ")
          .contains("; 他人的待办请由组长改派 (The user with id '" + ME + "' does not have one of the following permissions: ");
      assertThat(answer.json().path("userId").asText()).isEqualTo(ME);
      assertThat(answer.json().path("missingAuthorizations")).as("as Camunda lists them").isNotEmpty();
    }
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(COLLEAGUE);
  }

  @Test
  void completingATaskAColleagueHoldsIsRefusedAndTheTaskStaysTheirs() {
    String task = acceptanceTask();
    taskService.claim(task, secondAcceptorOfZy001());

    Response submitted = api.post("/engine-rest/task/" + task + "/submit-form", ME, "{\"variables\":{}}");
    Response completed = api.post("/engine-rest/task/" + task + "/complete", ME, "{\"variables\":{}}");

    for (Response answer : new Response[] {submitted, completed}) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.json().path("type").asText()).isEqualTo("AuthorizationException");
      assertThat(answer.json().path("message").asText()).isEqualTo("待办“受理贷款申请”已由 " + COLLEAGUE
          + " 领取, 只能由其本人办理; 如需接手, 请组长改派给您 (task " + task + " is claimed by " + COLLEAGUE + "; " + ME
          + " may not complete it)");
    }
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(COLLEAGUE);
    assertThat(historyService.createUserOperationLogQuery().taskId(task).operationType("Complete").count()).isZero();
  }

  @Test
  void openingATaskCompletedMeanwhileIsRefusedInChinese() {
    String task = acceptanceTask();
    taskService.complete(task);
    String gone = "待办 " + task + " 不存在、已办理完毕或您无权查看, 请刷新待办列表";

    Response opened = api.get("/engine-rest/task/" + task, ME);
    Response form = api.get("/engine-rest/task/" + task + "/form", ME);

    assertThat(opened.status()).isEqualTo(404);
    assertThat(opened.json().path("message").asText()).isEqualTo(gone + " (No matching task with id " + task + ")");
    assertThat(form.status()).as(form.toString()).isEqualTo(404);
    assertThat(form.json().path("message").asText())
        .isEqualTo("无法读取待办 " + task + " 的表单: 待办可能已办理完毕或已撤销, 请刷新待办列表 (Cannot get form for task " + task + ")");
  }

  @Test
  void readingOrWritingTheVariablesOfATaskCompletedMeanwhileIsNotFoundInChineseAsTheTaskItself(CapturedOutput log) throws Exception {
    String task = acceptanceTask();
    taskService.complete(task);
    String gone = "待办 " + task + " 不存在、已办理完毕或您无权查看, 请刷新待办列表";
    String variables = "{\"modifications\":{\"remark\":{\"value\":\"补充说明\",\"type\":\"String\"}}}";

    List<Response> answers = List.of(
        api.get("/engine-rest/task/" + task + "/variables", ME),
        api.post("/engine-rest/task/" + task + "/variables", ME, variables),
        api.get("/engine-rest/task/" + task + "/variables/remark", ME),
        api.get("/engine-rest/task/" + task + "/localVariables", ME),
        api.post("/engine-rest/task/" + task + "/localVariables", ME, variables),
        api.get("/engine-rest/task/" + task + "/form-variables", ME));
    HttpResponse<String> inTasklist = loginToTasklist().get("/task/" + task + "/form-variables");

    for (Response answer : answers) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
      assertThat(answer.json().path("message").asText()).as(answer.toString()).startsWith(gone + " (");
    }
    assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(404);
    assertThat(JSON.readTree(inTasklist.body()).path("message").asText()).startsWith(gone + " (");
    assertThat(log.getAll()).as("a task gone meanwhile is the caller's to see, not an engine failure").doesNotContain("ENGINE-16004");
  }

  @Test
  void aQueryBeyondTheLimitIsRefusedInChinese() {
    Response tooMany = api.get("/engine-rest/task?maxResults=3000", ME);
    Response unbounded = api.get("/engine-rest/history/task", ME);

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("type").asText()).isEqualTo("BadUserRequestException");
    assertThat(tooMany.json().path("message").asText())
        .isEqualTo("查询结果一次最多 2000 条, 请缩小查询条件或分页查询 (Max results limit of 2000 exceeded!)");
    assertThat(unbounded.status()).isEqualTo(400);
    assertThat(unbounded.json().path("message").asText())
        .isEqualTo("查询须分页 (指定 maxResults), 不能一次取回全部结果 (An unbound number of results is forbidden!)");
  }

  @Test
  void submittingTheFormOfATaskCompletedMeanwhileIsToldInChineseWithoutTheEnginesEnglishInFront() {
    String task = acceptanceTask();
    taskService.complete(task);
    String unknown = "d7e1a0c2-0000-11f1-0000-000000000000";

    Response submitted = api.post("/engine-rest/task/" + task + "/submit-form", ME, "{\"variables\":{}}");
    Response completed = api.post("/engine-rest/task/" + task + "/complete", ME, "{\"variables\":{}}");
    Response neverKnown = api.post("/engine-rest/task/" + unknown + "/submit-form", ME, "{\"variables\":{}}");

    assertThat(submitted.status()).as("Camunda's status").isEqualTo(400);
    assertThat(submitted.json().path("type").asText()).isEqualTo("RestException");
    assertThat(submitted.json().path("message").asText()).isEqualTo("待办 受理贷款申请 已办理完毕, 不能再次办理, 请刷新待办列表 (Cannot submit task form "
        + task + ": task " + task + " is completed already)");
    assertThat(completed.status()).isEqualTo(400);
    assertThat(completed.json().path("message").asText()).isEqualTo("待办 受理贷款申请 已办理完毕, 不能再次办理, 请刷新待办列表 (Cannot complete task "
        + task + ": task " + task + " is completed already)");
    assertThat(neverKnown.status()).isEqualTo(404);
    assertThat(neverKnown.json().path("message").asText()).isEqualTo("待办 " + unknown + " 不存在, 请刷新待办列表 (Cannot submit task form "
        + unknown + ": task " + unknown + " does not exist)");
  }

  @Test
  void aRefusedStartFormIsToldInChineseInTasklistWithTheEnginesEnglishAfterIt() throws Exception {
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .latestVersion().singleResult().getId();
    long started = runtimeService.createProcessInstanceQuery().processDefinitionId(definition).count();

    Response overRest = api.post("/engine-rest/process-definition/" + definition + "/submit-form", ME, "{\"variables\":{}}");
    HttpResponse<String> inTasklist = loginToTasklist().post("/process-definition/" + definition + "/submit-form", "{\"variables\":{}}");
    Response startedByKey = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start", ME,
        "{\"variables\":{}}");
    Response startedById = api.post("/engine-rest/process-definition/" + definition + "/start", ME, "{\"variables\":{}}");

    assertThat(overRest.status()).as("Camunda's status").isEqualTo(400);
    assertThat(overRest.json().path("type").asText()).isEqualTo("RestException");
    assertThat(overRest.json().path("message").asText()).as("the refusal first, the engine's English after it")
        .startsWith("申请信息有误, 请更正后重新提交: 受理网点: 不能为空; ")
        .endsWith("; 贷款用途: 不能为空 (Cannot instantiate process definition " + definition + ")");
    assertThat(inTasklist.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(inTasklist.body()).path("message").asText()).isEqualTo(overRest.json().path("message").asText());
    for (Response start : List.of(startedByKey, startedById)) {
      assertThat(start.status()).as("a refusal, not Camunda's 500: " + start).isEqualTo(400);
      assertThat(start.json().path("message").asText()).isEqualTo(overRest.json().path("message").asText());
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition).count()).as("nothing started").isEqualTo(started);
  }

  /**
   * An administrator (whom {@code EngineApiGuard} lets skip listeners) starting at the default start event while skipping
   * listeners or I/O mappings: the engine refuses it (ENGINE-13024), the caller's mistake, not a server error.
   */
  @Test
  void aStartSkippingListenersWithoutStartInstructionsIsTheCallersMistakeToldInChinese(CapturedOutput log) {
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .latestVersion().singleResult().getId();
    long started = runtimeService.createProcessInstanceQuery().processDefinitionId(definition).count();

    Response skippingListeners = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start",
        "admin", "{\"variables\":{},\"skipCustomListeners\":true}");
    Response skippingMappings = api.post("/engine-rest/process-definition/" + definition + "/start", "admin",
        "{\"variables\":{},\"skipIoMappings\":true}");

    for (Response start : List.of(skippingListeners, skippingMappings)) {
      // Before, Camunda's 500 with its English, logged as a server error with a stack trace.
      assertThat(start.status()).as("the caller's mistake, not Camunda's 500: " + start).isEqualTo(400);
      assertThat(start.json().path("type").asText()).isEqualTo("RestException");
      assertThat(start.json().path("message").asText()).isEqualTo("从默认开始事件发起流程时不能跳过监听器或输入输出映射 "
          + "(skipCustomListeners、skipIoMappings); 须跳过时请用 startInstructions 指定从哪个节点发起 (Cannot instantiate "
          + "process definition " + definition + ": ENGINE-13024 Cannot skip custom listeners or input/output mappings when "
          + "start a process instance at default start activity.)");
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition).count()).as("nothing started")
        .isEqualTo(started);
    assertThat(log.getAll()).doesNotContain("ENGINE-REST-HTTP5").contains("answered 400: RestException: Cannot instantiate");
  }

  @Test
  void openingTheFormOfATaskCompletedMeanwhileIsNotFoundInChineseAsTheTaskItself() throws Exception {
    String task = acceptanceTask();
    Response before = api.get("/engine-rest/task/" + task + "/deployed-form", ME);
    taskService.complete(task);
    String gone = "待办 " + task + " 不存在、已办理完毕或您无权查看, 请刷新待办列表";

    Response overRest = api.get("/engine-rest/task/" + task + "/deployed-form", ME);
    HttpResponse<String> inTasklist = loginToTasklist().get("/task/" + task + "/deployed-form");
    Response identityLinks = api.get("/engine-rest/task/" + task + "/identity-links", ME);
    Response renderedForm = api.send("GET", "/engine-rest/task/" + task + "/rendered-form", ME, DemoData.PASSWORD, null, "Accept", "*/*");

    assertThat(before.status()).as("the form while the task is open").isEqualTo(200);
    assertThat(overRest.status()).as("not the engine's 500: " + overRest.body()).isEqualTo(404);
    assertThat(overRest.json().path("type").asText()).isEqualTo("InvalidRequestException");
    assertThat(overRest.json().path("message").asText()).isEqualTo(gone + " (No matching task with id " + task + ")");
    assertThat(inTasklist.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(inTasklist.body()).path("message").asText()).isEqualTo(gone + " (No matching task with id " + task + ")");
    assertThat(identityLinks.status()).as("not Camunda's 500: " + identityLinks).isEqualTo(404);
    assertThat(identityLinks.json().path("message").asText()).startsWith(gone + " (");
    assertThat(renderedForm.status()).as("not Camunda's 500: " + renderedForm).isEqualTo(404);
    assertThat(renderedForm.json().path("message").asText()).startsWith(gone + " (");
  }

  @Test
  void twoPeopleChangingOneTaskAtTheSameMomentAreToldInChineseThatTheirsDidNotTakeEffect() {
    String task = acceptanceTask();
    Task openedBeforeTheColleagueClaimedIt = taskService.createTaskQuery().taskId(task).singleResult();
    taskService.claim(task, secondAcceptorOfZy001());
    openedBeforeTheColleagueClaimedIt.setDescription("受理意见");

    Throwable concurrent = catchThrowable(() -> taskService.saveTask(openedBeforeTheColleagueClaimedIt));

    assertThat(concurrent).isInstanceOf(OptimisticLockingException.class);
    String english = concurrent.getMessage();
    String chinese = "待办或流程刚被另一操作同时修改, 您的操作未生效, 请刷新待办列表后重试";
    assertThat(EngineRefusals.of((RuntimeException) concurrent)).as("the bank's task queue").isEqualTo(chinese + " (" + english + ")");
    assertThat(EngineRefusalTranslation.translated(("{\"type\":\"OptimisticLockingException\",\"message\":" + JSON.valueToTree(english)
        + ",\"code\":1}").getBytes(StandardCharsets.UTF_8))).as("a claim over the engine REST API")
        .asString(StandardCharsets.UTF_8).isEqualTo("{\"type\":\"OptimisticLockingException\",\"message\":"
            + JSON.valueToTree(chinese + " (" + english + ")") + ",\"code\":1}");
    assertThat(EngineRefusals.staffText("RestException", "Cannot submit task form " + task + ": " + english, List.of()))
        .as("a form submitted over the engine REST API").isEqualTo(chinese + " (Cannot submit task form " + task + ": " + english + ")");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(COLLEAGUE);
  }

  @Test
  void theBanksRefusalsAreLoggedAsTheConflictsTheyAreNotAsServerErrorsWithAStackTrace(CapturedOutput log) throws Exception {
    String claimedByColleague = acceptanceTask();
    taskService.claim(claimedByColleague, secondAcceptorOfZy001());
    String completed = acceptanceTask();
    taskService.complete(completed);
    String claim = "{\"userId\":\"" + ME + "\"}";

    Response claimOverRest = api.post("/engine-rest/task/" + claimedByColleague + "/claim", ME, claim);
    HttpResponse<String> claimInTasklist = loginToTasklist().post("/task/" + claimedByColleague + "/claim", claim);
    Response variablesOfTaskGone = api.get("/engine-rest/task/" + completed + "/variables", ME);
    HttpResponse<String> formVariablesInTasklist = loginToTasklist().get("/task/" + completed + "/form-variables");
    Response refusedStart = api.post("/engine-rest/process-definition/key/" + LoanOriginationProcess.KEY + "/start", ME,
        "{\"variables\":{}}");

    assertThat(claimOverRest.status()).isEqualTo(409);
    assertThat(claimInTasklist.statusCode()).isEqualTo(409);
    assertThat(variablesOfTaskGone.status()).isEqualTo(404);
    assertThat(formVariablesInTasklist.statusCode()).isEqualTo(404);
    assertThat(refusedStart.status()).isEqualTo(400);
    assertThat(log.getAll()).as("a user's conflict is no server error in the operator's log")
        .doesNotContain("ENGINE-REST-HTTP5")
        .doesNotContainPattern("(HeldByColleague|NotFoundException|RestException)[^\\n]*\\n\\tat ")
        .contains("Refusal 20409 answered 409: HeldByColleague: 待办“受理贷款申请”已由 受理员乙 (" + COLLEAGUE + ") 领取")
        .contains("Refusal 20404 answered 404: ", "No matching task with id " + completed)
        .contains("Refusal 20400 answered 400: RestException: ");
    assertThat(log.getAll().lines().filter(line -> line.contains("Refusal 2040")))
        .as("one line each, at INFO").hasSize(5).allMatch(line -> line.contains(" INFO "));
  }

  @Test
  void aServerErrorOverTheEngineRestApiIsStillLoggedAsCamundaLogsIt(CapturedOutput log) {
    String longerThanTheColumn = "x".repeat(300);
    Response notStored = api.post("/engine-rest/group/create", "admin",
        "{\"id\":\"" + longerThanTheColumn + "\",\"name\":\"分组\",\"type\":\"WORKFLOW\"}");

    assertThat(notStored.status()).as("the database refused it: " + notStored).isEqualTo(500);
    String serverError = log.getAll().lines().filter(line -> line.contains("ENGINE-REST-HTTP500")).findFirst().orElse("");
    assertThat(serverError).as("Camunda's WARN").contains(" WARN ");
    assertThat(log.getAll()).as("with its stack trace").containsPattern("(?s)ENGINE-REST-HTTP500 .*\\n\\tat org\\.camunda");
    assertThat(log.getAll()).doesNotContain("Refusal ");
  }

  @Test
  void anyOtherAnswerPassesAsTheEngineGivesIt() {
    String task = acceptanceTask();

    Response unknownSort = api.get("/engine-rest/task?sortBy=nonsense&sortOrder=asc&maxResults=5", ME);
    Response found = api.get("/engine-rest/task/" + task, ME);

    assertThat(unknownSort.status()).isEqualTo(400);
    assertThat(unknownSort.json().path("message").asText()).as("not one staff meet in Tasklist: the engine's English")
        .startsWith("Cannot set query parameter 'sortBy' to value 'nonsense'");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("id").asText()).isEqualTo(task);
  }

  /** Logs into Tasklist as {@link #ME} and claims {@code task} through the webapps' engine API, as Tasklist does. */
  private JsonNode claimAsTasklistDoes(String task) throws Exception {
    HttpResponse<String> claimed = loginToTasklist().post("/task/" + task + "/claim", "{\"userId\":\"" + ME + "\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(409);
    return JSON.readTree(claimed.body());
  }

  /** A browser's session of Tasklist: calls the webapps' engine API as Tasklist does. */
  private record Tasklist(HttpClient webapp, String base, String token) {
    private static final String ENGINE = "/camunda/api/engine/engine/default";

    HttpResponse<String> get(String path) throws Exception {
      return webapp.send(HttpRequest.newBuilder(URI.create(base + ENGINE + path)).header("Accept", "application/json, text/plain, */*")
          .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
      return webapp.send(HttpRequest.newBuilder(URI.create(base + ENGINE + path))
          .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token).header("Origin", base)
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Logs into Tasklist as {@link #ME}. */
  private Tasklist loginToTasklist() throws Exception {
    WebappLogin session = WebappLogin.to(port, "tasklist", ME, DemoData.PASSWORD);
    HttpResponse<String> login = session.response();
    HttpClient webapp = session.client();
    String base = session.base();
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // The login starts a new session: its CSRF token comes with the next page Tasklist loads.
    HttpResponse<Void> page = webapp.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    return new Tasklist(webapp, base, page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> WebappLogin.xsrfToken(webapp)));
  }
}
