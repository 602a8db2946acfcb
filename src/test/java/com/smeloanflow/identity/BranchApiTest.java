package com.smeloanflow.identity;

import static com.smeloanflow.identity.TestBranches.freshCode;
import static com.smeloanflow.identity.TestBranches.freshDivision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

/** /api/branches over HTTP with real JSON: everyone reads, administrators write, errors name fields. */
class BranchApiTest extends AbstractIntegrationTest {

  private static final String BRANCHES = "/api/branches";
  private static final String ADMIN = "admin";

  private static String branchJson(String code, String name, String... grid) {
    return """
        {"code": "%s", "name": "%s", "grid": [%s]}""".formatted(code, name,
        String.join(", ", List.of(grid).stream().map(d -> "\"" + d + "\"").toList()));
  }

  private Response create(String code, String name, String... grid) {
    return api.post(BRANCHES, ADMIN, branchJson(code, name, grid));
  }

  @Test
  void branchStaffListEveryBranchWithItsGrid() {
    Response list = api.get(BRANCHES, "zy002-acceptor");

    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    JsonNode zy001 = null;
    for (JsonNode branch : list.json()) {
      if (branch.path("code").asText().equals("ZY001")) {
        zy001 = branch;
      }
    }
    assertThat(zy001).as("ZY001 in " + list.body()).isNotNull();
    assertThat(zy001.path("name").asText()).isEqualTo("汇川支行");
    assertThat(zy001.path("active").asBoolean()).isTrue();
    assertThat(zy001.path("grid").toString()).isEqualTo("[\"520303\"]");
    assertThat(api.get(BRANCHES + "/ZY002", CHANNEL).json().path("grid").toString()).isEqualTo("[\"520302\"]");
  }

  @Test
  void withoutCredentialsTheBranchesAnswer401() {
    Response anonymous = api.send("GET", BRANCHES, null, null, null);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void onlyAdministratorsOpenChangeOrDeactivateBranches() {
    String code = freshCode();
    String json = branchJson(code, "播州支行", freshDivision());
    List<Response> refused = new ArrayList<>();
    for (String user : List.of("zy001-acceptor", CHANNEL, "team-lead", "process-owner")) {
      refused.add(api.post(BRANCHES, user, json));
      refused.add(api.send("PUT", BRANCHES + "/ZY001", user, "demo", "{\"name\": \"改名支行\", \"grid\": [\"520303\"]}"));
      refused.add(api.post(BRANCHES + "/ZY001/deactivation", user, null));
    }

    assertThat(refused).allSatisfy(response -> {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.contentType()).isEqualTo("application/problem+json");
    });
    assertThat(api.get(BRANCHES + "/" + code, ADMIN).status()).isEqualTo(404);
    assertThat(api.get(BRANCHES + "/ZY001", ADMIN).json().path("name").asText()).isEqualTo("汇川支行");
    assertThat(api.get(BRANCHES + "/ZY001", ADMIN).json().path("active").asBoolean()).isTrue();
  }

  @Test
  void anAdministratorOpensABranchAndGetsItBackWithItsLocation() {
    String code = freshCode();
    String division = freshDivision();

    Response created = create(code, "播州支行", division);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(BRANCHES + "/" + code);
    assertThat(created.json().path("code").asText()).isEqualTo(code);
    assertThat(created.json().path("grid").toString()).isEqualTo("[\"" + division + "\"]");
    assertThat(created.json().path("createdBy").asText()).isEqualTo(ADMIN);
    assertThat(created.json().path("createdAt").asText()).isNotBlank();
    assertThat(api.get(BRANCHES + "/" + code, "zy001-acceptor").json().path("name").asText()).isEqualTo("播州支行");
  }

  @Test
  void badFieldsAnswer400NamingEachAndNothingIsCreated() {
    String code = "tb1";

    Response refused = api.post(BRANCHES, ADMIN, "{\"code\": \"tb1\", \"name\": \"Branch\", \"grid\": [\"460101\", \"52030\"]}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("code", "name", "grid[1]");
    assertThat(refused.json().path("errors").findValuesAsText("code"))
        .containsExactly("INVALID_FORMAT", "NOT_CHINESE", "INVALID_DIVISION");
    assertThat(api.get(BRANCHES + "/" + code, ADMIN).status()).isEqualTo(404);
  }

  @Test
  void malformedJsonAndAWrongTypeAnswer400() {
    assertThat(api.post(BRANCHES, ADMIN, "{\"code\": ").status()).isEqualTo(400);
    Response wrongType = api.post(BRANCHES, ADMIN, "{\"code\": \"TB999\", \"name\": \"播州支行\", \"grid\": \"460101\"}");
    assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
  }

  @Test
  void aTakenCodeOrACoveredDivisionAnswers409NamingTheField() {
    String code = freshCode();
    create(code, "播州支行", freshDivision());

    Response sameCode = create(code, "桐梓支行", freshDivision());
    Response coveredDivision = create(freshCode(), "汇川新区支行", freshDivision(), "520303");

    assertThat(sameCode.status()).as(sameCode.toString()).isEqualTo(409);
    assertThat(sameCode.contentType()).isEqualTo("application/problem+json");
    assertThat(sameCode.json().path("errors").findValuesAsText("code")).containsExactly("CODE_TAKEN");
    assertThat(coveredDivision.status()).as(coveredDivision.toString()).isEqualTo(409);
    assertThat(coveredDivision.json().path("errors").findValuesAsText("field")).containsExactly("grid[1]");
    assertThat(coveredDivision.json().path("detail").asText()).contains("520303").contains("ZY001");
    assertThat(coveredDivision.json().path("detail").asText()).as("Chinese, the English beside")
        .isEqualTo("行政区划 520303 已由网点 ZY001 覆盖 (division 520303 is covered by branch ZY001)");
    assertThat(sameCode.json().path("detail").asText())
        .isEqualTo("网点代码 " + code + " 已存在 (branch code " + code + " is taken)");
  }

  @Test
  void anUnknownBranchAnswers404() {
    Response unknown = api.get(BRANCHES + "/XX999", "zy001-acceptor");
    Response update = api.send("PUT", BRANCHES + "/XX999", ADMIN, "demo", "{\"name\": \"无名支行\", \"grid\": [\"460101\"]}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(unknown.json().path("title").asText()).isEqualTo("网点不存在");
    assertThat(unknown.json().path("detail").asText()).isEqualTo("网点 XX999 不存在 (branch XX999 does not exist)");
    assertThat(update.status()).isEqualTo(404);
  }

  @Test
  void anAdministratorRenamesABranchAndMovesItsGrid() {
    String code = freshCode();
    create(code, "播州支行", freshDivision());
    String newDivision = freshDivision();

    Response updated = api.send("PUT", BRANCHES + "/" + code, ADMIN, "demo",
        "{\"name\": \"播州区支行\", \"grid\": [\"" + newDivision + "\"]}");

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().path("name").asText()).isEqualTo("播州区支行");
    assertThat(updated.json().path("grid").toString()).isEqualTo("[\"" + newDivision + "\"]");
  }

  @Test
  void aNewBranchTakesAnApplicationThatItsNewAcceptorSeesUntilTheBranchIsDeactivated() {
    String code = freshCode();
    assertThat(create(code, "播州支行", freshDivision()).status()).isEqualTo(201);
    String acceptor = staffOf(code);

    String application = TestApplications.mortgageAtBranchCounter().branchCode(code).json();
    String key = "branch-" + code + "-" + System.nanoTime();
    Response submitted = api.post("/api/applications", CHANNEL, application, "Idempotency-Key", key);
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    String applicationId = submitted.json().path("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());
    Response tasks = api.get("/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + applicationId, acceptor);
    assertThat(tasks.json().findValuesAsText("name")).containsExactly("受理贷款申请");

    Response deactivated = api.post(BRANCHES + "/" + code + "/deactivation", ADMIN, null);
    Response refused = api.post("/api/applications", CHANNEL, TestApplications.mortgageAtBranchCounter().branchCode(code).json());

    assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
    assertThat(deactivated.json().path("active").asBoolean()).isFalse();
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("errors").findValuesAsText("code")).containsExactly("UNKNOWN_BRANCH");
    Response retried = api.post("/api/applications", CHANNEL, application, "Idempotency-Key", key);
    assertThat(retried.status()).as("the channel's retry of the first request: its first answer, %s", retried).isEqualTo(201);
    assertThat(retried.json().path("applicationId").asText()).isEqualTo(applicationId);
    assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.get("/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + applicationId, acceptor).json()
        .findValuesAsText("name")).as("open work stays").containsExactly("受理贷款申请");

    Response reactivated = api.post(BRANCHES + "/" + code + "/reactivation", ADMIN, null);
    assertThat(reactivated.json().path("active").asBoolean()).isTrue();
    assertThat(api.post("/api/applications", CHANNEL, TestApplications.mortgageAtBranchCounter().branchCode(code).json())
        .status()).isEqualTo(201);
  }

  @Test
  void theApiDescriptionShowsAdministratorsHowToOpenABranch() {
    Response doc = api.send("GET", "/v3/api-docs", ADMIN, "demo", null);

    assertThat(doc.status()).isEqualTo(200);
    JsonNode paths = doc.json().path("paths");
    assertThat(paths.path("/api/branches").has("post")).isTrue();
    assertThat(paths.path("/api/branches/{code}").has("put")).isTrue();
    assertThat(paths.has("/api/branches/{code}/deactivation")).isTrue();
    assertThat(paths.path("/api/branches").path("post").path("responses").path("409").toString()).contains("DIVISION_COVERED");
  }

  /** A clerk an administrator adds to the branch's acceptance group (as in Admin), password demo. */
  private String staffOf(String code) {
    String userId = code.toLowerCase() + "-acceptor";
    User user = identityService.newUser(userId);
    user.setFirstName("赵敏");
    user.setLastName("(受理)");
    user.setPassword("demo");
    identityService.saveUser(user);
    identityService.createMembership(userId, Groups.acceptance(code));
    return userId;
  }
}
