package com.smeloanflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.creditline.CreditLineFixture;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.WhitelistProspectProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Branch isolation on every read over HTTP, one row per endpoint: a member of staff of another branch asking for a
 * branch's application, loan, credit line, monitoring, renewal, collection cases, tasks, process instances and their
 * history (the bank's API and the engine REST API, authorizations on) is refused or shown none of it, and the
 * branch's own staff (or, where branch staff read nothing, central staff) are answered.
 *
 * <p>The bank's API refuses an object of another branch with 403 once it found it ({@code identity.BranchAccess}, the
 * stage's access class), 404 only for what does not exist; a list is cut to the caller's branches. The engine REST
 * API answers as Camunda's authorizations do: 403 or 404 for an instance or task the caller may not read, a list without
 * it. Seeded once per class through the processes: an origination of ZY001 run to an opened credit line, one of ZY002
 * waiting for the branch's acceptance, a loan of each branch under post-loan monitoring.
 */
class BranchIsolationApiTest extends AbstractIntegrationTest {

  /** What one row asserts of an answer. */
  private interface Check extends Consumer<Response> {}

  private record Row(String endpoint, String method, String path, String body, String stranger, Check refused,
      String owner, Check answered) {

    Stream<DynamicTest> tests(BranchIsolationApiTest test) {
      return Stream.of(
          DynamicTest.dynamicTest(endpoint + ": " + stranger + " of another branch is refused",
              () -> refused.accept(test.send(this, stranger))),
          DynamicTest.dynamicTest(endpoint + ": " + owner + " is answered", () -> answered.accept(test.send(this, owner))));
    }
  }

  /** The objects every row reads, seeded once for the class (the database is shared and never cleaned). */
  private record Seed(String zy001Application, String zy001Line, String zy001Instance, String zy002Application,
      String zy002Instance, String zy002AcceptanceTask, String zy001Loan, String zy001Monitoring, String zy002Loan,
      String zy002Monitoring, Response ownerNamed, Response delegated, String campaign, String zy001ContactTask,
      String zy001Contactor) {}

  private static Seed seed;

  @Autowired BeanFactory beans;
  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired BusinessClock clock;

  @BeforeEach
  void seedOncePerClass() {
    if (seed != null) {
      return;
    }
    LoanFlow flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    CreditLineFixture lines = new CreditLineFixture(flow);
    String zy001Application = lines.opened(lines.application("1000000.00"));
    String zy001Line = api.get("/api/applications/" + zy001Application, "admin").json().path("lineId").asText();
    assertThat(zy001Line).as("line of %s", zy001Application).isNotEmpty();
    String zy001Instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(zy001Application).singleResult().getId();

    String zy002Application = flow.submitOverApi(flow.strongAtBranch("CREDIT_QUICK", "100000.00").branchCode("ZY002"));
    String zy002Instance = flow.instance(zy002Application).getId();
    Task acceptance = flow.task(zy002Application, LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION);
    // The branch's lead, who may hand the task on (TASK_ASSIGN), tries to give it to a customer manager of ZY001: as its
    // owner (which Camunda lets the owner read and work) and as its delegate. The rows' reads by zy001-cm show whether it
    // took.
    String task = "/engine-rest/task/" + acceptance.getId();
    JsonNode fields = api.get(task, "zy002-lead").json();
    ObjectNode update = JsonNodeFactory.instance.objectNode();
    for (String field : List.of("name", "description", "priority", "assignee", "delegationState", "due", "followUp",
        "parentTaskId", "caseInstanceId", "tenantId")) {
      update.set(field, fields.get(field));
    }
    update.put("owner", "zy001-cm");
    Response ownerNamed = api.send("PUT", task, "zy002-lead", DemoData.PASSWORD, update.toString());
    Response delegated = api.post(task + "/delegate", "zy002-lead", "{\"userId\":\"zy001-cm\"}");

    MonitoringScenario zy001 = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today().minusDays(10));
    MonitoringScenario zy002 = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY002", clock.today().minusDays(10));
    Response evaluated = api.post("/api/sandbox/renewals/loans/" + zy002.loanId() + "/evaluation", "admin", null);
    assertThat(evaluated.status()).as("renewal evaluation: %s", evaluated).isEqualTo(200);

    // A whitelist of one enterprise in each branch's district (汇川区 ZY001, 红花岗区 ZY002): a prospect of each.
    String whitelist = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期\n"
        + prospect(CreditCodes.freshIn("520303")) + prospect(CreditCodes.freshIn("520302"));
    Response imported = api.postBytes("/api/campaigns?name=branch-isolation", "campaign-manager", "text/csv",
        whitelist.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as("whitelist import: %s", imported).isEqualTo(201);
    JsonNode zy001Prospect = imported.json().path("lines").get(0);
    assertThat(zy001Prospect.path("branchCode").asText()).as("import: %s", imported).isEqualTo("ZY001");
    String prospectInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey(WhitelistProspectProcess.KEY)
        .processInstanceBusinessKey(zy001Prospect.path("prospectId").asText()).singleResult().getId();
    executeDueJobs(prospectInstance);
    Task contact = taskService.createTaskQuery().processInstanceId(prospectInstance).singleResult();
    seed = new Seed(zy001Application, zy001Line, zy001Instance, zy002Application, zy002Instance, acceptance.getId(),
        zy001.loanId(), zy001.monitoring().getId(), zy002.loanId(), zy002.monitoring().getId(), ownerNamed, delegated,
        imported.json().path("campaign").path("id").asText(), contact.getId(), contact.getAssignee());
  }

  /** A whitelist line of a CREDIT_QUICK prospect (CampaignController's columns). */
  private static String prospect(String creditCode) {
    return creditCode + ",遵义隔离检查" + creditCode.substring(10) + "有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,"
        + "2026-01-05\n";
  }

  private Response send(Row row, String user) {
    return api.send(row.method(), row.path(), user, DemoData.PASSWORD, row.body());
  }

  @TestFactory
  Stream<DynamicTest> everyReadRefusesAnotherBranchAndAnswersItsOwn() {
    Stream<DynamicTest> handOn = Stream.of(
        DynamicTest.dynamicTest("PUT /engine-rest/task/{id}: a lead may not name another branch's customer manager the owner",
            () -> {
              assertThat(seed.ownerNamed().status()).as("answer: %s", seed.ownerNamed()).isEqualTo(403);
              assertThat(seed.ownerNamed().json().path("message").asText()).isEqualTo("任务“受理贷款申请”只能由 ZY002-acceptance"
                  + " 的成员办理, 不能把 zy001-cm 设为任务所有者 (task " + seed.zy002AcceptanceTask() + " may be owned only by a"
                  + " member of ZY002-acceptance, not by zy001-cm)");
            }),
        DynamicTest.dynamicTest("POST /engine-rest/task/{id}/delegate: nor delegate the task to them",
            () -> assertThat(seed.delegated().status()).as("answer: %s", seed.delegated()).isEqualTo(403)));
    return Stream.concat(handOn, rows().stream().flatMap(row -> row.tests(this)));
  }

  private List<Row> rows() {
    Seed s = seed;
    List<Row> rows = new ArrayList<>();
    // --- the bank's API: an object by its id --------------------------------------------------------------------
    rows.add(get("GET /api/applications/{id}", "/api/applications/" + s.zy002Application(), "zy001-acceptor", "zy002-acceptor"));
    rows.add(get("GET /api/applications/{id}", "/api/applications/" + s.zy001Application(), "zy002-cm", "zy001-cm"));
    rows.add(get("GET /api/applications/{id}/history", "/api/applications/" + s.zy002Application() + "/history", "zy001-cm",
        "zy002-cm"));
    rows.add(get("GET /api/applications/{id}/history", "/api/applications/" + s.zy001Application() + "/history", "zy002-lead",
        "zy001-acceptor"));
    rows.add(get("GET /api/lines/{lineId}", "/api/lines/" + s.zy001Line(), "zy002-cm", "zy001-cm"));
    rows.add(get("GET /api/loans/{loanId}", "/api/loans/" + s.zy002Loan(), "zy001-cm", "zy002-cm"));
    rows.add(get("GET /api/loans/{loanId}", "/api/loans/" + s.zy001Loan(), "zy002-lead", "team-lead"));
    rows.add(get("GET /api/loans/{loanId}/monitoring", "/api/loans/" + s.zy002Loan() + "/monitoring", "zy001-acceptor",
        "zy002-acceptor"));
    rows.add(get("GET /api/loans/{loanId}/collection-cases", "/api/loans/" + s.zy002Loan() + "/collection-cases", "zy001-cm",
        "zy002-cm"));
    rows.add(get("GET /api/loans/{loanId}/renewal", "/api/loans/" + s.zy002Loan() + "/renewal", "zy001-cm", "zy002-cm"));
    // --- the bank's API: lists, figures and searches ----------------------------------------------------------------
    rows.add(get("GET /api/loans?branchCode=", "/api/loans?branchCode=ZY002", "zy001-cm", "zy002-cm"));
    rows.add(new Row("GET /api/loans", "GET", "/api/loans?size=200", null, "zy001-cm", onlyLoansOf("ZY001"),
        "zy002-cm", onlyLoansOf("ZY002")));
    rows.add(get("GET /api/dashboard?branch=", "/api/dashboard?branch=ZY001", "zy002-lead", "team-lead"));
    rows.add(new Row("GET /api/dashboard", "GET", "/api/dashboard", null, "zy002-lead", dashboardOf("ZY002"), "team-lead",
        answered()));
    rows.add(get("GET /api/campaigns/{id}", "/api/campaigns/" + s.campaign(), "zy002-lead", "campaign-manager"));
    rows.add(new Row("GET /api/campaigns/{id}/figures", "GET", "/api/campaigns/" + s.campaign() + "/figures", null,
        "zy002-lead", campaignRowsOf("ZY002"), "team-lead", campaignRowsOf("ZY001", "ZY002")));
    rows.add(new Row("GET /api/campaign-figures", "GET", "/api/campaign-figures", null, "zy002-lead", campaignRowsOf("ZY002"),
        "team-lead", campaignRowsOf("ZY001", "ZY002")));
    rows.add(get("GET /api/customer-managers/performance?branch=", "/api/customer-managers/performance?branch=ZY001",
        "zy002-lead", "team-lead"));
    rows.add(get("GET /api/customer-managers/{userId}/performance", "/api/customer-managers/zy001-cm/performance",
        "zy002-lead", "team-lead"));
    rows.add(new Row("POST /api/tasks/claims", "POST", "/api/tasks/claims",
        "{\"taskIds\":[\"" + s.zy002AcceptanceTask() + "\"]}", "zy001-cm", taskOutcome("NOT_FOUND"),
        "zy002-acceptor", taskOutcome("CLAIMED")));
    rows.add(new Row("POST /api/tasks/reassignments", "POST", "/api/tasks/reassignments",
        "{\"taskIds\":[\"" + s.zy002AcceptanceTask() + "\"],\"assignee\":\"zy002-acceptor\"}", "team-lead",
        taskOutcome("NOT_FOUND"), "zy002-lead", taskOutcome("REASSIGNED")));
    // --- the engine REST API: a task of ZY002, worked by its acceptance ---------------------------------------------------
    String task = "/engine-rest/task/" + s.zy002AcceptanceTask();
    for (String path : List.of(task, task + "/variables", task + "/form-variables", task + "/identity-links")) {
      rows.add(new Row("GET " + path.replace(s.zy002AcceptanceTask(), "{id}"), "GET", path, null, "zy001-cm",
          engineRefusal(s.zy002Application()), "zy002-acceptor", answered()));
    }
    // Camunda looks a task's comments and attachments up in the history, which branch staff do not read: central staff only
    for (String path : List.of(task + "/comment", task + "/attachment")) {
      rows.add(new Row("GET " + path.replace(s.zy002AcceptanceTask(), "{id}"), "GET", path, null, "zy001-cm",
          engineRefusal(s.zy002Application()), "admin", answered()));
    }
    rows.add(engineList("GET /engine-rest/task?processInstanceBusinessKey=", "/engine-rest/task?processInstanceBusinessKey="
        + s.zy002Application(), "zy001-cm", "zy002-acceptor", s.zy002AcceptanceTask()));
    // --- the engine REST API: a whitelist prospect's contact task of ZY001, assigned to one of its customer managers -----
    String contact = "/engine-rest/task/" + s.zy001ContactTask();
    for (String path : List.of(contact, contact + "/variables", contact + "/form-variables")) {
      rows.add(new Row("GET " + path.replace(s.zy001ContactTask(), "{id}") + " (prospect)", "GET", path, null, "zy002-cm",
          engineRefusal(s.campaign()), s.zy001Contactor(), answered()));
    }
    // --- the engine REST API: process instances and their history, read by central staff only -----------------------------
    // the origination of ZY002 waits for its acceptance (no job, no event subscription); the monitoring of ZY001's loan
    // waits on its timers and messages (no operation of a person yet)
    for (String[] instance : List.of(new String[] {s.zy002Instance(), s.zy002Application(), "zy001-cm", "job event-subscription"},
        new String[] {s.zy001Monitoring(), s.zy001Loan(), "zy002-lead", "user-operation"})) {
      String id = instance[0];
      String key = instance[1];
      String stranger = instance[2];
      List<String> none = List.of(instance[3].split(" "));
      String pi = "/engine-rest/process-instance/" + id;
      for (String path : List.of(pi, pi + "/variables", pi + "/activity-instances", pi + "/comment",
          "/engine-rest/execution/" + id + "/localVariables", "/engine-rest/history/process-instance/" + id)) {
        rows.add(new Row("GET " + path.replace(id, "{id}"), "GET", path, null, stranger, engineRefusal(key), "admin",
            answered()));
      }
      for (String query : List.of("/engine-rest/process-instance?processInstanceIds=" + id,
          "/engine-rest/execution?processInstanceId=" + id, "/engine-rest/variable-instance?processInstanceIdIn=" + id,
          "/engine-rest/event-subscription?processInstanceId=" + id, "/engine-rest/job?processInstanceId=" + id,
          "/engine-rest/history/process-instance?processInstanceId=" + id,
          "/engine-rest/history/variable-instance?processInstanceId=" + id,
          "/engine-rest/history/detail?processInstanceId=" + id,
          "/engine-rest/history/activity-instance?processInstanceId=" + id,
          "/engine-rest/history/task?processInstanceId=" + id,
          "/engine-rest/history/identity-link-log?processInstanceId=" + id,
          "/engine-rest/history/job-log?processInstanceId=" + id,
          "/engine-rest/history/user-operation?processInstanceId=" + id)) {
        if (none.stream().noneMatch(resource -> query.startsWith("/engine-rest/" + resource + "?")
            || query.startsWith("/engine-rest/history/" + resource + "?"))) {
          rows.add(engineList("GET " + query.replace(id, "{id}"), query, stranger, "admin", null));
        }
      }
    }
    // the ended origination of ZY001: its history only
    String ended = s.zy001Instance();
    for (String query : List.of("/engine-rest/history/process-instance?processInstanceBusinessKey=" + s.zy001Application(),
        "/engine-rest/history/variable-instance?processInstanceId=" + ended,
        "/engine-rest/history/task?processInstanceBusinessKey=" + s.zy001Application(),
        "/engine-rest/history/detail?processInstanceId=" + ended,
        "/engine-rest/history/decision-instance?processInstanceId=" + ended,
        "/engine-rest/history/user-operation?processInstanceId=" + ended)) {
      rows.add(engineList("GET " + query.replace(ended, "{id}").replace(s.zy001Application(), "{businessKey}")
          + " (ended)", query, "zy002-lead", "admin", ended));
    }
    rows.add(new Row("GET /engine-rest/process-instance/{id}/comment (ended)", "GET",
        "/engine-rest/process-instance/" + ended + "/comment", null, "zy002-acceptor", engineRefusal(s.zy001Application()),
        "admin", answered()));
    return rows;
  }

  // --- rows and checks --------------------------------------------------------------------------------------------------

  /** A GET of one branch's object: another branch's member of staff 403 (identity.BranchAccess), its own 200. */
  private static Row get(String endpoint, String path, String stranger, String owner) {
    return new Row(endpoint, "GET", path, null, stranger, answer -> {
      assertThat(answer.status()).as("%s as another branch: %s", path, answer).isEqualTo(403);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }, owner, answered());
  }

  private static Check answered() {
    return answer -> assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
  }

  /** Camunda's refusal of an instance or task the caller may not read: 403 or 404, naming nothing of the case. */
  private static Check engineRefusal(String businessKey) {
    return answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isIn(403, 404);
      assertThat(answer.body()).as("what the refusal tells").doesNotContain(businessKey);
    };
  }

  /**
   * An engine query for one instance: the stranger gets an empty list; the owner (central staff) a list, holding
   * {@code marker} when given (an id the answer names).
   */
  private Row engineList(String endpoint, String path, String stranger, String owner, String marker) {
    String paged = path + (path.contains("?") ? "&" : "?") + "firstResult=0&maxResults=50";
    return new Row(endpoint, "GET", paged, null, stranger, answer -> {
      if (answer.status() == 403) {
        return; // an operations endpoint the caller may not use at all (platform.EngineApiGuard)
      }
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      assertThat(answer.json()).as("%s as another branch", paged).isEmpty();
    }, owner, answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      assertThat(answer.json()).as("%s as %s", paged, owner).isNotEmpty();
      if (marker != null) {
        assertThat(answer.body()).contains(marker);
      }
    });
  }

  private static Check onlyLoansOf(String branch) {
    return answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      List<String> branches = new ArrayList<>();
      answer.json().path("loans").forEach(loan -> branches.add(loan.path("branchCode").asText()));
      assertThat(branches).as("branches of the loans listed").isNotEmpty().containsOnly(branch);
    };
  }

  private static Check dashboardOf(String branch) {
    return answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      JsonNode figures = answer.json();
      assertThat(figures.path("branches").toString()).isEqualTo("[\"" + branch + "\"]");
      List<String> groups = new ArrayList<>();
      figures.path("backlog").forEach(row -> groups.add(row.path("group").asText()));
      assertThat(groups).as("open tasks by group").isNotEmpty().allMatch(group -> group.startsWith(branch + "-"));
    };
  }

  /** The funnel's rows (per branch and per customer manager): of these branches, each of them present. */
  private static Check campaignRowsOf(String... branches) {
    return answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      List<String> rows = new ArrayList<>();
      answer.json().path("branches").forEach(row -> rows.add(row.path("branchCode").asText()));
      answer.json().path("managers").forEach(row -> rows.add(row.path("branchCode").asText()));
      assertThat(rows).as("branches of the funnel's rows").containsOnly(branches);
    };
  }

  private static Check taskOutcome(String result) {
    return answer -> {
      assertThat(answer.status()).as("answer: %s", answer).isEqualTo(200);
      assertThat(answer.json().path("results").get(0).path("result").asText()).as("answer: %s", answer).isEqualTo(result);
    };
  }
}
