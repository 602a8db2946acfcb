package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A hostile caller against EVERY operation of the bank's API, read from the OpenAPI description at
 * test time, so a new endpoint is swept without being listed here. Each operation must be in
 * {@link #WHO_MAY_CALL} (who may call it, whether it is branch-scoped): a new endpoint fails this
 * test until someone decides. Every answer to bad input is a 4xx {@code application/problem+json},
 * and nothing is stored: the business tables and the engine's instances count the same after the
 * sweep. Then every resource of the engine REST API refuses a caller without credentials.
 */
class HostileApiSweepTest extends AbstractIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Who may call an operation: groups (empty = any member of staff; the channel and core banking call only their own
   * operations, see {@link ChannelReachApiTest} and {@link CoreBankingReachApiTest}), and whether other branches are
   * refused.
   */
  record Access(Set<String> groups, boolean branchScoped) {
    static Access groups(String... groups) {
      return new Access(Set.of(groups), false);
    }

    static Access anyUser() {
      return new Access(Set.of(), false);
    }

    static Access ownBranchAndCentralStaff() {
      return new Access(Set.of(), true);
    }
  }

  private static final Access CHANNEL_REPORTS = Access.groups(Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN);
  private static final Access CORE_BANKING_REPORTS = Access.groups(Groups.CORE_BANKING, Groups.CHANNEL_GATEWAY,
      Groups.CAMUNDA_ADMIN);
  private static final Access SANDBOX = Access.groups(Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS);
  private static final Access ADMIN_ONLY = Access.groups(Groups.CAMUNDA_ADMIN);
  private static final Access CAMPAIGN_MARKETING = Access.groups(Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN);

  /** Every operation of /api: a new one must be added with a decision. Mirrors README's API table. */
  static final Map<String, Access> WHO_MAY_CALL = Map.ofEntries(
      Map.entry("POST /api/applications", CHANNEL_REPORTS),
      Map.entry("GET /api/applications/{id}", Access.ownBranchAndCentralStaff()),
      Map.entry("GET /api/applications/{id}/history", Access.ownBranchAndCentralStaff()),
      Map.entry("POST /api/applications/{id}/documents", CHANNEL_REPORTS),
      Map.entry("POST /api/applications/{id}/signature", CHANNEL_REPORTS),
      Map.entry("POST /api/applications/{id}/mortgage-registration", CHANNEL_REPORTS),
      Map.entry("POST /api/applications/{id}/guarantee-signatures", CHANNEL_REPORTS),
      Map.entry("GET /api/lpr-rates", Access.anyUser()),
      Map.entry("POST /api/lpr-rates", Access.groups(Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS)),
      Map.entry("GET /api/branches", Access.anyUser()),
      Map.entry("GET /api/branches/{code}", Access.anyUser()),
      Map.entry("POST /api/branches", ADMIN_ONLY),
      Map.entry("PUT /api/branches/{code}", ADMIN_ONLY),
      Map.entry("POST /api/branches/{code}/deactivation", ADMIN_ONLY),
      Map.entry("POST /api/branches/{code}/reactivation", ADMIN_ONLY),
      Map.entry("GET /api/admin/mail-outbox", ADMIN_ONLY),
      Map.entry("GET /api/admin/mail-outbox/{id}", ADMIN_ONLY),
      Map.entry("POST /api/admin/mail-outbox/{id}/retry", ADMIN_ONLY),
      Map.entry("GET /api/admin/collection-process-starts", ADMIN_ONLY),
      Map.entry("POST /api/admin/collection-process-starts/{caseId}/retry", ADMIN_ONLY),
      Map.entry("POST /api/admin/renewal-postings/{loanId}/withdrawal", ADMIN_ONLY),
      Map.entry("GET /api/loans/{loanId}", Access.ownBranchAndCentralStaff()),
      // Every member of staff may ask; the page holds only the loans of the caller's branches (identity.BranchAccess).
      // The channel is refused (ChannelReachApiTest).
      Map.entry("GET /api/loans", Access.anyUser()),
      Map.entry("POST /api/loans/{loanId}/repayments", CORE_BANKING_REPORTS),
      Map.entry("POST /api/loans/{loanId}/repayments/{transactionId}/reversal", CORE_BANKING_REPORTS),
      Map.entry("POST /api/sandbox/core-banking/loans/{loanId}/repayments", SANDBOX),
      Map.entry("POST /api/sandbox/core-banking/loans/{loanId}/repayments/{transactionId}/bounce", SANDBOX),
      Map.entry("POST /api/sandbox/daily-close", ADMIN_ONLY),
      Map.entry("PUT /api/sandbox/enterprises/{creditCode}", SANDBOX),
      Map.entry("GET /api/sandbox/enterprises/{creditCode}", SANDBOX),
      Map.entry("GET /api/sandbox/core-banking/faults", SANDBOX),
      Map.entry("PUT /api/sandbox/core-banking/faults", SANDBOX),
      Map.entry("DELETE /api/sandbox/core-banking/faults", SANDBOX),
      Map.entry("GET /api/sandbox/core-banking/postings/{applicationId}", SANDBOX),
      Map.entry("POST /api/sandbox/e-signature/applications/{id}/sign", SANDBOX),
      Map.entry("POST /api/sandbox/e-signature/applications/{id}/guarantees/{contractNumber}/sign", SANDBOX),
      Map.entry("PUT /api/sandbox/people/{idNumber}", SANDBOX),
      Map.entry("PUT /api/sandbox/mortgage-registrations/{number}", SANDBOX),
      // Post-loan monitoring: reading as for the loan; signals and reclassifications by the named groups and the
      // customer managers of the loan's branch (the sweep's loan is of ZY001).
      Map.entry("GET /api/loans/{loanId}/monitoring", Access.ownBranchAndCentralStaff()),
      // a staff view: as GET /api/loans/{loanId}, but the channel is refused too (CollectionCaseApiTest)
      Map.entry("GET /api/loans/{loanId}/collection-cases", Access.ownBranchAndCentralStaff()),
      Map.entry("POST /api/loans/{loanId}/signals", new Access(Set.of(Groups.CAMUNDA_ADMIN, Groups.CORE_BANKING,
          Groups.PROCESSING_CENTRE, Groups.REMOTE_BANKING, Groups.TEAM_LEADS, Groups.customerManagers("ZY001")), true)),
      Map.entry("POST /api/loans/{loanId}/reclassifications", new Access(Set.of(Groups.REMOTE_BANKING, Groups.CREDIT_APPROVERS,
          Groups.TEAM_LEADS, Groups.customerManagers("ZY001")), true)),
      Map.entry("POST /api/sandbox/monitoring/loans/{loanId}/requery", SANDBOX),
      // Renewal without repaying principal: the channel applies and reports the signature; reading as for the loan.
      Map.entry("POST /api/loans/{loanId}/renewal-applications", CHANNEL_REPORTS),
      Map.entry("POST /api/loans/{loanId}/renewal/signature", CHANNEL_REPORTS),
      Map.entry("GET /api/loans/{loanId}/renewal", Access.ownBranchAndCentralStaff()),
      Map.entry("POST /api/sandbox/renewals/scan", SANDBOX),
      Map.entry("POST /api/sandbox/e-signature/renewals/{loanId}/sign", SANDBOX),
      Map.entry("POST /api/sandbox/renewals/loans/{loanId}/evaluation", SANDBOX),
      Map.entry("POST /api/sandbox/renewals/loans/{loanId}/maturity", SANDBOX),
      Map.entry("GET /api/bank-calendar", Access.anyUser()),
      Map.entry("GET /api/bank-calendar/{year}", Access.anyUser()),
      Map.entry("PUT /api/bank-calendar/{year}", ADMIN_ONLY),
      Map.entry("GET /api/sla-targets", Access.anyUser()),
      Map.entry("PUT /api/sla-targets/{processKey}/{taskKey}", Access.groups(Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS)),
      Map.entry("POST /api/tasks/claims", Access.anyUser()),
      Map.entry("POST /api/tasks/reassignments", Access.groups(Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN)),
      Map.entry("POST /api/campaigns", CAMPAIGN_MARKETING),
      Map.entry("GET /api/campaigns", CAMPAIGN_MARKETING),
      Map.entry("GET /api/campaigns/{id}", CAMPAIGN_MARKETING),
      // a branch's lead sees the branch's rows only (filtered, not refused)
      Map.entry("GET /api/campaigns/{id}/figures", Access.groups(Groups.CAMPAIGN_MANAGERS, Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN)),
      Map.entry("GET /api/campaign-figures", Access.groups(Groups.CAMPAIGN_MANAGERS, Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN)),
      // the manager dashboard: team leads (also a team's lead group alone), process owners, administrators;
      // a branch's lead gets the branch's figures (filtered, not refused)
      Map.entry("GET /api/dashboard", Access.groups(Groups.TEAM_LEADS, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN)),
      // Customer-manager performance: the manager themself too, and only the leads of the manager's (the asked) branch
      Map.entry("GET /api/customer-managers/{userId}/performance", Access.groups(Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN)),
      Map.entry("GET /api/customer-managers/performance", Access.groups(Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN)),
      // credit lines: the channel draws; the channel, central staff and the line's branch read
      Map.entry("GET /api/lines/{lineId}", Access.ownBranchAndCentralStaff()),
      Map.entry("POST /api/lines/{lineId}/drawdowns", CHANNEL_REPORTS));

  /** A string no field may take: NUL, a direction override, a line break, and far too long. */
  private static final String HOSTILE_TEXT = "\u0000\u202E\n" + "长".repeat(5000);

  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;

  private String zy001Application;
  private String zy001Loan;
  /** A credit line of ZY001, written straight to its table (opening one takes the whole origination flow). */
  private String zy001Line;
  private Map<String, Long> rowsBefore;

  @BeforeEach
  void oneApplicationAndOneLoanOfBranchZy001() {
    zy001Application = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    zy001Loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10)).loanId();
    zy001Line = "CL-SWEEP-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        INSERT INTO credit_line (line_id, application_id, credit_code, borrower_name, branch_code, credit_limit, annual_rate_percent,
          repayment_method, opened_on, valid_until, status, opened_at, version)
        SELECT :line, id, credit_code, enterprise_name, branch_code, 500000.00, 4.3500, 'EQUAL_INSTALMENT', :today, :until, 'ACTIVE',
          CURRENT_TIMESTAMP, 0 FROM loan_application WHERE id = :app
        """).param("line", zy001Line).param("today", clock.today()).param("until", clock.today().plusYears(3))
        .param("app", zy001Application).update();
    rowsBefore = rowCounts();
  }

  @AfterEach
  void noInjectedFaultsLeftBehind() {
    api.send("DELETE", "/api/sandbox/core-banking/faults", "admin", DemoData.PASSWORD, null);
  }

  @Test
  void everyApiOperationIsDecidedRefusesStrangersAndOtherRolesAndStoresNothingFromHostileInput() {
    List<Operation> operations = operationsInTheOpenApiDescription(api);
    assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThanOrEqualTo(WHO_MAY_CALL.size());
    SoftAssertions softly = new SoftAssertions();
    for (Operation operation : operations) {
      Access access = WHO_MAY_CALL.get(operation.key());
      if (access == null) {
        fail("%s is not in WHO_MAY_CALL: decide who may call it (and whether it is branch-scoped)", operation.key());
      }
      String path = operation.path(samplePathValues());

      expectProblem(softly, operation, "no credentials", 401,
          api.send(operation.method(), path, null, null, operation.hasBody() ? "{}" : null));
      expectProblem(softly, operation, "wrong password", 401,
          api.send(operation.method(), path, callerAllowed(access), "not-the-password", operation.hasBody() ? "{}" : null));
      String outsider = callerNotAllowed(access);
      if (outsider != null) {
        expectProblem(softly, operation, "group without the right (" + outsider + ")", 403,
            api.send(operation.method(), path, outsider, DemoData.PASSWORD, operation.hasBody() ? "{}" : null));
      }
      if (access.branchScoped()) {
        Response otherBranch = api.send(operation.method(), path, "zy002-acceptor", DemoData.PASSWORD,
            operation.hasBody() ? "{}" : null);
        expectProblem(softly, operation, "other branch", otherBranch.status() == 404 ? 404 : 403, otherBranch);
      }
      String caller = callerAllowed(access);
      if (!operation.pathParameters().isEmpty()) {
        for (String id : List.of("NO-SUCH-ID-0000", "x".repeat(300), "bad%0Aid", "bad%00id", "%E2%80%AEdi")) {
          Map<String, String> values = new LinkedHashMap<>();
          operation.pathParameters().forEach(name -> values.put(name, id));
          Response answer = send(operation, operation.path(values), caller, operation.hasBody() ? "{}" : null);
          if (operation.method().equals("GET") && answer.status() == 200 && answer.body().equals("[]")) {
            continue; // a list by key (what was posted for an application): nothing for an unknown key
          }
          expectClientProblem(softly, operation, "unknown or hostile id " + id.substring(0, Math.min(20, id.length())), answer);
        }
      }
      if (operation.hasBody()) {
        Map<String, String> hostileBodies = new LinkedHashMap<>();
        hostileBodies.put("malformed JSON", "{\"channel\": ");
        hostileBodies.put("wrong type (array for object)", "[1, 2, 3]");
        hostileBodies.put("wrong type (string for object)", "\"text\"");
        hostileBodies.put("trailing content", "{} {\"more\": true}");
        hostileBodies.put("overlong and control-character strings, negative numbers", hostileBody(operation).toString());
        hostileBodies.forEach((what, body) -> expectClientProblem(softly, operation, what, send(operation, path, caller, body)));
        Response huge = send(operation, path, caller, "{\"unknown\":\"" + "x".repeat(ApiRequestLimits.MAX_BODY_BYTES) + "\"}");
        expectProblem(softly, operation, "huge body", 413, huge);
      }
    }
    softly.assertThat(rowCounts()).as("rows of the business tables and engine instances after the sweep").isEqualTo(rowsBefore);
    softly.assertAll();
  }

  @Test
  void everyEngineRestResourceRefusesACallerWithoutCredentials() {
    Set<String> resources = engineRestResources();
    assertThat(resources).as("engine REST resources").contains("/engine/{name}/task", "/engine/{name}/process-instance",
        "/engine/{name}/history", "/engine/{name}/signal", "/engine/{name}/job", "/engine/{name}/metrics",
        "/engine/{name}/deployment", "/engine/{name}/incident");
    SoftAssertions softly = new SoftAssertions();
    for (String resource : resources) {
      if (resource.equals("/engine")) {
        continue; // lists the engine names, open by design
      }
      String path = "/engine-rest" + resource.replace("/engine/{name}", "/engine/default").replaceAll("\\{[^}]+}", "x");
      for (String method : List.of("GET", "POST")) {
        Response answer = api.send(method, path, null, null, method.equals("POST") ? "{}" : null);
        softly.assertThat(answer.status()).as("%s %s without credentials", method, path).isEqualTo(401);
      }
    }
    softly.assertAll();
  }

  @Test
  void noEngineRestResourceAnswersAnAdministratorsReadWithAServerError() {
    List<String> paths = new ArrayList<>();
    for (String resource : engineRestResources()) {
      if (resource.startsWith("/engine/{name}/")) { // the same resources are also under the default engine's root
        paths.add("/engine-rest" + resource.replace("/engine/{name}", "/engine/default").replaceAll("\\{[^}]+}", "x"));
      }
    }
    // the history's case resources hang below /history, which the resource classes list as one root
    for (String history : List.of("case-instance", "case-activity-instance", "case-definition")) {
      paths.add("/engine-rest/history/" + history);
    }
    SoftAssertions softly = new SoftAssertions();
    for (String path : paths) {
      Response answer = api.get(path + "?firstResult=0&maxResults=5", "admin");
      softly.assertThat(answer.status()).as("GET %s as admin: %s", path, answer.body()).isLessThan(500);
    }
    softly.assertAll();
  }

  @Test
  void theCaseResourcesSayTheProductHasNoCaseModels() {
    for (String path : List.of("/engine-rest/case-instance", "/engine-rest/engine/default/case-execution",
        "/engine-rest/case-definition/x", "/engine-rest/case-instance/count",
        "/engine-rest/history/case-activity-instance")) {
      Response answer = api.get(path + "?firstResult=0&maxResults=5", "admin");
      assertThat(answer.status()).as("GET %s", path).isEqualTo(404);
      assertThat(answer.json().path("message").asText()).as("GET %s", path).contains("不可用: 本系统没有案例模型, 未启用 CMMN", "CMMN is off");
    }
  }

  // --- the operations -----------------------------------------------------------------------------

  record Operation(String method, String template, JsonNode spec, JsonNode document) {
    String key() {
      return method + " " + template;
    }

    boolean hasBody() {
      return spec.has("requestBody");
    }

    List<String> pathParameters() {
      List<String> names = new ArrayList<>();
      java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
      while (parameter.find()) {
        names.add(parameter.group(1));
      }
      return names;
    }

    String path(Map<String, String> values) {
      String path = template;
      for (String name : pathParameters()) {
        String value = values.get(name);
        if (value == null) {
          fail("No sample value for path parameter {%s} of %s: add one to samplePathValues()", name, key());
        }
        path = path.replace("{" + name + "}", value);
      }
      return path;
    }
  }

  /** Every operation of the OpenAPI description, as an administrator reads it (also {@link ChannelReachApiTest}). */
  static List<Operation> operationsInTheOpenApiDescription(com.smeloanflow.support.ApiClient api) {
    Response description = api.get("/v3/api-docs", "admin");
    assertThat(description.status()).as("OpenAPI description for a logged-in user").isEqualTo(200);
    JsonNode document = description.json();
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue(), document));
      }
    }
    return operations;
  }

  /**
   * Calls every operation of the OpenAPI description but {@code mayCall} as the system user {@code user} (a body of
   * {@code {}} where it takes one; path values from {@code ids}, "X1" for the rest) and expects each refused before any
   * controller: 403, application/problem+json, a {@code detail} starting with {@code refusal} and the call
   * ({@code 渠道无权调用 GET /api/loans}). Returns how many were walked. Also {@link ChannelReachApiTest},
   * {@link CoreBankingReachApiTest}.
   */
  static int expectRefusedOutside(com.smeloanflow.support.ApiClient api, String user, Set<String> mayCall,
      Map<String, String> ids, String refusal, SoftAssertions softly) {
    List<Operation> operations = operationsInTheOpenApiDescription(api);
    softly.assertThat(operations.stream().map(Operation::key)).as("%s's operations are in the API", user)
        .containsAll(mayCall);
    Map<String, String> values = new java.util.HashMap<>(ids);
    int walked = 0;
    for (Operation operation : operations) {
      if (mayCall.contains(operation.key())) {
        continue;
      }
      operation.pathParameters().forEach(name -> values.putIfAbsent(name, "X1"));
      String path = operation.path(values);
      Response answer = api.send(operation.method(), path, user, DemoData.PASSWORD, operation.hasBody() ? "{}" : null);
      softly.assertThat(answer.status()).as("%s by %s → %s", operation.key(), user, answer).isEqualTo(403);
      softly.assertThat(answer.contentType()).as("%s by %s", operation.key(), user).isEqualTo("application/problem+json");
      softly.assertThat(answer.json().path("detail").asText()).as("%s by %s, refused before any controller", operation.key(), user)
          .startsWith(refusal + " " + operation.method() + " " + path + ": ");
      walked++;
    }
    return walked;
  }

  private Map<String, String> samplePathValues() {
    // {code}: a branch that does not exist, so no operation of the sweep changes a real branch
    // {loanId}: a loan of ZY001, so the branch check meets a real loan; {transactionId}: no repayment of it
    return Map.ofEntries(Map.entry("id", zy001Application), Map.entry("applicationId", zy001Application),
        Map.entry("creditCode", CreditCodes.fresh()), Map.entry("number", "SWEEP-" + UUID.randomUUID().toString().substring(0, 8)),
        Map.entry("idNumber", com.smeloanflow.support.TestApplications.uniqueIdNumber(9901)),
        Map.entry("contractNumber", "BZ-SWEEP-1"), Map.entry("code", "ZZ999"), Map.entry("year", "2026"),
        Map.entry("processKey", "loan-origination"), Map.entry("taskKey", "UserTask_ApproveLoan"),
        Map.entry("loanId", zy001Loan), Map.entry("lineId", zy001Line), Map.entry("caseId", "CC20260101000000"),
        Map.entry("transactionId", "SWEEP-TX-" + UUID.randomUUID().toString().substring(0, 8)), Map.entry("userId", "zy001-cm"));
  }

  private Response send(Operation operation, String path, String user, String body) {
    return api.send(operation.method(), path, user, DemoData.PASSWORD, body,
        "Idempotency-Key", "sweep-" + UUID.randomUUID());
  }

  /** A body shaped like the operation's schema, every string hostile and every number negative. */
  private static JsonNode hostileBody(Operation operation) {
    JsonNode schema = operation.spec().path("requestBody").path("content").path("application/json").path("schema");
    return hostileValue(schema, operation.document(), 0);
  }

  private static JsonNode hostileValue(JsonNode schema, JsonNode document, int depth) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
      return hostileValue(document.path("components").path("schemas").path(name), document, depth);
    }
    String type = schema.path("type").asText("object");
    return switch (type) {
      case "string" -> JSON.getNodeFactory().textNode(HOSTILE_TEXT);
      case "integer" -> JSON.getNodeFactory().numberNode(-1);
      case "number" -> JSON.getNodeFactory().numberNode(-1.005);
      case "boolean" -> JSON.getNodeFactory().booleanNode(true);
      case "array" -> {
        ArrayNode array = JSON.createArrayNode();
        if (depth < 4) {
          array.add(hostileValue(schema.path("items"), document, depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = JSON.createObjectNode();
        if (depth < 4) {
          schema.path("properties").fields()
              .forEachRemaining(property -> object.set(property.getKey(), hostileValue(property.getValue(), document, depth + 1)));
        }
        yield object;
      }
    };
  }

  // --- callers -------------------------------------------------------------------------------------

  /**
   * A demo user who may call the operation, a system user or member of staff before the administrator; a member of staff
   * where any may (the system users call only what the groups name).
   */
  private static String callerAllowed(Access access) {
    return DemoData.USERS.stream()
        .filter(user -> access.groups().isEmpty()
            ? !user.groups().contains(Groups.CHANNEL_GATEWAY) && !user.groups().contains(Groups.CORE_BANKING)
            : user.groups().stream().anyMatch(access.groups()::contains))
        .filter(user -> !user.id().equals("admin"))
        .map(DemoData.DemoUser::id).findFirst().orElse("admin");
  }

  /** A demo user of a group the operation does not allow, or null when every logged-in user may call it. */
  private static String callerNotAllowed(Access access) {
    if (access.groups().isEmpty()) {
      return null;
    }
    return DemoData.USERS.stream()
        .filter(user -> user.groups().stream().noneMatch(access.groups()::contains))
        .map(DemoData.DemoUser::id).findFirst().orElse(null);
  }

  // --- expectations ----------------------------------------------------------------------------------

  private static void expectProblem(SoftAssertions softly, Operation operation, String what, int status, Response answer) {
    softly.assertThat(answer.status()).as("%s: %s → %s", operation.key(), what, answer).isEqualTo(status);
    softly.assertThat(answer.contentType()).as("%s: %s is problem+json", operation.key(), what)
        .isEqualTo("application/problem+json");
  }

  private static void expectClientProblem(SoftAssertions softly, Operation operation, String what, Response answer) {
    softly.assertThat(answer.status()).as("%s: %s → %s", operation.key(), what, abbreviated(answer)).isBetween(400, 499);
    softly.assertThat(answer.contentType()).as("%s: %s is problem+json", operation.key(), what)
        .isEqualTo("application/problem+json");
    softly.assertThat(answer.body()).as("%s: %s shows no stack trace", operation.key(), what).doesNotContain("at com.", "Exception:");
  }

  private static String abbreviated(Response answer) {
    String text = answer.toString();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  // --- what is stored --------------------------------------------------------------------------------

  /** Rows of every business table (Flyway's) and the engine's instances and variables. */
  private Map<String, Long> rowCounts() {
    List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
        + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'ACT\\_%' ESCAPE '\\'").query(String.class).list();
    Set<String> counted = new TreeSet<>(tables);
    counted.addAll(List.of("ACT_RU_EXECUTION", "ACT_RU_VARIABLE", "ACT_RU_TASK", "ACT_HI_PROCINST", "ACT_RU_JOB"));
    Map<String, Long> counts = new TreeMap<>();
    for (String table : counted) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM \"" + table + "\"").query(Long.class).single());
    }
    return counts;
  }

  // --- the engine REST API ---------------------------------------------------------------------------

  /** Every resource path of Camunda's REST API: the root resources and their sub-resources one level down. */
  private static Set<String> engineRestResources() {
    Set<String> paths = new LinkedHashSet<>();
    // The resources are reached through the named-engine root (/engine/{name}/task) and the default one (/task).
    for (Class<?> resource : CamundaRestResources.getResourceClasses()) {
      for (Class<?> type : typeAndInterfaces(resource)) {
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        String base = normalized(root.value());
        paths.add(base);
        for (Method method : type.getMethods()) {
          Path sub = method.getAnnotation(Path.class);
          if (sub != null && (hasHttpMethod(method) || method.getReturnType() != void.class)) {
            paths.add(base + normalized(sub.value()));
          }
        }
      }
    }
    for (String path : List.copyOf(paths)) {
      if (path.startsWith("/engine/{name}/")) {
        paths.add(path.substring("/engine/{name}".length()));
      }
    }
    return paths;
  }

  private static List<Class<?>> typeAndInterfaces(Class<?> type) {
    List<Class<?>> all = new ArrayList<>(List.of(type));
    all.addAll(List.of(type.getInterfaces()));
    return all;
  }

  private static boolean hasHttpMethod(Method method) {
    for (var annotation : method.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return true;
      }
    }
    return false;
  }

  private static String normalized(String path) {
    String trimmed = path.replaceAll("/+$", "");
    return trimmed.isEmpty() ? "" : (trimmed.startsWith("/") ? trimmed : "/" + trimmed);
  }
}
