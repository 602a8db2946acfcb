package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The channel API (DESIGN.md §6) through the real controllers and security, with JSON as a
 * channel sends it; and the engine REST API's authorizations on branch tasks (DESIGN.md §2).
 */
class ApplicationApiTest extends AbstractIntegrationTest {

  private static final String APPLICATIONS = "/api/applications";

  @Autowired BeanFactory beans;
  @Autowired BusinessClock clock;

  /** A valid MORTGAGE_QUICK application at ZY001, exactly as a channel sends it. */
  private static String applicationJson(String enterpriseName) {
    return """
        {
          "channel": "BRANCH_COUNTER",
          "branchCode": "ZY001",
          "product": "MORTGAGE_QUICK",
          "enterprise": {
            "name": "%s",
            "creditCode": "91520303MA6DKQ8X4A",
            "industryCode": "C34",
            "establishedOn": "2016-04-18",
            "annualRevenue": 6500000.00
          },
          "legalRepresentative": {
            "name": "张明",
            "idNumber": "52030219850714321X",
            "mobile": "13985012345",
            "email": "zhangming@example.com"
          },
          "requestedAmount": 800000.00,
          "termMonths": 36,
          "purpose": "购置生产设备",
          "guaranteeType": "MORTGAGE",
          "collateral": {
            "type": "INDUSTRIAL_PROPERTY",
            "description": "汇川区工业园3号厂房",
            "appraisedValue": 2400000.00
          }
        }
        """.formatted(enterpriseName);
  }

  // --- submit and read -------------------------------------------------------------------------

  @Test
  void acceptsValidApplicationWith201ApplicationIdAndStatus() {
    String enterprise = uniqueEnterprise();

    Response answer = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String applicationId = answer.json().get("applicationId").asText();
    assertThat(applicationId).matches("SL\\d{14}");
    assertThat(answer.json().get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(answer.header("Location")).endsWith(APPLICATIONS + "/" + applicationId);
    assertThat(answer.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(applicationRows(enterprise)).isEqualTo(1);
    assertThat(processInstanceCount(applicationId)).isEqualTo(1);
    LoanApplication stored = applications.get(applicationId);
    assertThat(stored.requestedAmount()).isEqualByComparingTo("800000.00");
    assertThat(stored.collateralType()).isEqualTo(CollateralType.INDUSTRIAL_PROPERTY);
    assertThat(stored.submittedBy()).isEqualTo(CHANNEL);
  }

  @Test
  void applicationWhoseProcessAnOperatorCancelledInCockpitIsStillReadWithoutError() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    String instanceId = processInstance(applicationId).getId();
    executeDueJobs(instanceId);
    runtimeService.deleteProcessInstance(instanceId, "cancelled by an operator in Cockpit");
    Response refusedSecondStart = api.post("/engine-rest/process-definition/key/loan-origination/start", "admin",
        "{\"businessKey\": \"" + applicationId + "\"}");

    Response answer = api.get(APPLICATIONS + "/" + applicationId, CHANNEL);
    Response history = api.get(APPLICATIONS + "/" + applicationId + "/history", CHANNEL);

    assertThat(refusedSecondStart.status()).as(refusedSecondStart.body()).isEqualTo(403);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");
    assertThat(texts(answer.json().get("openTasks"))).isEmpty();
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
  }

  @Test
  void showsStatusStageAndOpenTasksOfAnApplication() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());

    Response answer = api.get(APPLICATIONS + "/" + applicationId, CHANNEL);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode view = answer.json();
    assertThat(view.get("applicationId").asText()).isEqualTo(applicationId);
    assertThat(view.get("status").asText()).isEqualTo("AWAITING_ACCEPTANCE");
    assertThat(view.get("statusLabel").asText()).isEqualTo("待网点受理");
    assertThat(texts(view.get("openTasks"))).as("what the applicant waits for, in the applicant's words")
        .containsExactly("等待网点受理您的申请");
    assertThat(texts(view.get("currentStage"))).as("the stage, in the applicant's words").containsExactly("网点受理");
    assertThat(view.get("requestedAmount").decimalValue()).isEqualByComparingTo("800000.00");
  }

  /**
   * Staff read the same application with the bank's own task and stage names (受理贷款申请); the channel, which shows
   * the applicant, reads texts written for the applicant. Before, the channel got staff's task names.
   */
  @Test
  void staffSeeTheirTaskNamesWhereTheChannelSeesTheApplicantsTexts() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());

    JsonNode staff = api.get(APPLICATIONS + "/" + applicationId, "admin").json();

    assertThat(texts(staff.get("openTasks"))).containsExactly("受理贷款申请");
    assertThat(texts(staff.get("currentStage"))).containsExactly("网点受理");
  }

  @Test
  void stageTheApplicationHasLeftIsNoLongerShown() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());
    new LoanFlow(api, this::executeDueJobs, this::completeAs, beans).acceptAtBranch(applicationId);

    JsonNode view = api.get(APPLICATIONS + "/" + applicationId, CHANNEL).json();

    assertThat(texts(view.get("currentStage"))).as("the stage after acceptance, in the applicant's words, not the bank's"
        + " 集中作业").containsExactly("审查中");
  }

  @Test
  void answers404ProblemForUnknownApplication() {
    Response answer = api.get(APPLICATIONS + "/SL20991231999999", CHANNEL);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(404);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("申请 SL20991231999999 不存在 (application SL20991231999999 does not exist)");
  }

  // --- bad requests ------------------------------------------------------------------------------

  @Test
  void refusesInvalidApplicationNamingEveryBadFieldAndStoresNothing() {
    String enterprise = uniqueEnterprise();
    String json = applicationJson(enterprise)
        .replace("91520303MA6DKQ8X4A", "91520303MA6DKQ8X4B")
        .replace("52030219850714321X", "520302198507143210")
        .replace("\"13985012345\"", "\"12345\"")
        .replace("zhangming@example.com", "zhangming")
        .replace("800000.00", "800000.001")
        .replace("\"termMonths\": 36", "\"termMonths\": 6")
        .replace("\"ZY001\"", "\"ZY999\"");

    Response answer = api.post(APPLICATIONS, CHANNEL, json);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asText()).endsWith("/problems/invalid-request");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(fields(problem)).containsExactlyInAnyOrder(
        "enterprise.creditCode", "legalRepresentative.idNumber", "legalRepresentative.mobile",
        "legalRepresentative.email", "requestedAmount", "termMonths", "branchCode");
    assertThat(codes(problem)).contains("INVALID_CHECK_CHARACTER", "INVALID_CHECK_DIGIT", "TOO_MANY_DECIMALS",
        "OUT_OF_PRODUCT_RANGE", "UNKNOWN_BRANCH");
    for (JsonNode error : problem.get("errors")) {
      assertThat(error.get("message").asText()).as(error.toString()).isNotBlank();
    }
    assertThat(applicationRows(enterprise)).isZero();
  }

  /** A minor has no full civil capacity (民法典 art. 17/18) and may not be an enterprise's legal representative. */
  @Test
  void refusesALegalRepresentativeUnder18With422NamingTheIdNumberAndStoresNothing() {
    String enterprise = uniqueEnterprise();
    String key = "minor-" + System.nanoTime();
    // turns 18 tomorrow
    String first17 = "520302" + clock.today().minusYears(18).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE) + "432";
    String minor = first17 + ResidentIdNumber.checkDigit(first17);

    Response answer = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise).replace("52030219850714321X", minor),
        "Idempotency-Key", key);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("type").asText()).endsWith("/problems/request-refused");
    assertThat(fields(answer.json())).containsExactly("legalRepresentative.idNumber");
    assertThat(codes(answer.json())).containsExactly("UNDER_AGE");
    assertThat(answer.json().path("errors").get(0).path("message").asText())
        .isEqualTo("法定代表人未满18周岁, 不具有完全民事行为能力");
    assertThat(applicationRows(enterprise)).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotency_record WHERE idempotency_key = :key").param("key", key)
        .query(Long.class).single()).isZero();
  }

  @Test
  void acceptsALegalRepresentativeOnTheir18thBirthday() {
    String enterprise = uniqueEnterprise();
    String first17 = "520302" + clock.today().minusYears(18).format(DateTimeFormatter.BASIC_ISO_DATE) + "432";

    Response answer = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("52030219850714321X", first17 + ResidentIdNumber.checkDigit(first17)));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  /**
   * A guarantee given by a person without full civil capacity (民法典 art. 17/18) is not enforceable: a guarantor who is a
   * minor is refused as a legal representative who is one, naming the guarantor's ID number.
   */
  @Test
  void refusesAPersonalGuarantorUnder18With422NamingTheGuarantorsIdNumberAndStoresNothing() throws Exception {
    String enterprise = uniqueEnterprise();
    // turns 18 tomorrow
    String first17 = "520302" + clock.today().minusYears(18).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE) + "433";
    String minor = first17 + ResidentIdNumber.checkDigit(first17);

    Response answer = api.post(APPLICATIONS, CHANNEL, guaranteedApplicationJson(enterprise, minor));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.json().get("type").asText()).endsWith("/problems/request-refused");
    assertThat(fields(answer.json())).containsExactly("guarantors[1].idNumber");
    assertThat(codes(answer.json())).containsExactly("UNDER_AGE");
    assertThat(answer.json().path("errors").get(0).path("message").asText())
        .isEqualTo("保证人未满18周岁, 不具有完全民事行为能力");
    assertThat(applicationRows(enterprise)).isZero();
  }

  @Test
  void acceptsAPersonalGuarantorOnTheir18thBirthday() throws Exception {
    String enterprise = uniqueEnterprise();
    String first17 = "520302" + clock.today().minusYears(18).format(DateTimeFormatter.BASIC_ISO_DATE) + "433";

    Response answer = api.post(APPLICATIONS, CHANNEL,
        guaranteedApplicationJson(enterprise, first17 + ResidentIdNumber.checkDigit(first17)));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  /** A GROWTH application on guarantee: an adult shareholder and a second person with the given ID number. */
  private static String guaranteedApplicationJson(String enterpriseName, String secondGuarantorIdNumber) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode application = (ObjectNode) json.readTree(applicationJson(enterpriseName));
    application.put("product", "GROWTH").put("guaranteeType", "GUARANTEE").put("termMonths", 24).remove("collateral");
    ArrayNode guarantors = application.putArray("guarantors");
    guarantors.addObject().put("type", "PERSON").put("name", "李强").put("idNumber", "520302197803150014")
        .put("relation", "SHAREHOLDER");
    guarantors.addObject().put("type", "PERSON").put("name", "李小强").put("idNumber", secondGuarantorIdNumber)
        .put("relation", "SHAREHOLDER");
    return json.writeValueAsString(application);
  }

  @Test
  void refusesMalformedJsonWith400NotServerError() {
    Response answer = api.post(APPLICATIONS, CHANNEL, "{\"channel\": \"MOBILE_APP\", \"branchCode\": ");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("type").asText()).endsWith("/problems/malformed-json");
  }

  @Test
  void bodyThatIsValidJsonButNotAnObjectIsRefusedSayingAnObjectIsExpected() {
    for (String body : List.of("[]", "\"x\"", "42")) {
      Response answer = api.post(APPLICATIONS, CHANNEL, body);

      assertThat(answer.status()).as(body + ": " + answer).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.json().get("detail").asText()).as(body).startsWith("请求体应为 JSON 对象")
          .doesNotContain("不是有效的 JSON");
    }
    assertThat(api.post(APPLICATIONS, CHANNEL, "[]").json().get("detail").asText()).contains("数组");
  }

  @Test
  void bodyThatIsAJsonValueOfAnyOtherKindIsNamedAsThatKindNotAsInvalidJson() {
    // Every one of these is valid JSON; "" too (an empty string), which Jackson words differently from "x"
    Map<String, String> kinds = Map.of("\"\"", "字符串", "\"x\"", "字符串", "[1]", "数组", "-7", "数字", "1.5", "数字",
        "true", "布尔值", "false", "布尔值");

    kinds.forEach((body, kind) -> {
      Response answer = api.post(APPLICATIONS, CHANNEL, body);

      assertThat(answer.status()).as(body + ": " + answer).isEqualTo(400);
      assertThat(answer.json().get("detail").asText()).as(body)
          .isEqualTo("请求体应为 JSON 对象 ({...}), 收到的是" + kind + " (the request body must be a JSON object)");
    });
  }

  @Test
  void bodyNullIsNamedAsNullNotAsInvalidJson() {
    // null is valid JSON; Jackson reads it as no object at all
    for (String body : List.of("null", "  null\n")) {
      Response answer = api.post(APPLICATIONS, CHANNEL, body);

      assertThat(answer.status()).as(body + ": " + answer).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.json().get("type").asText()).endsWith("/problems/malformed-json");
      assertThat(answer.json().get("detail").asText()).as(body)
          .isEqualTo("请求体应为 JSON 对象 ({...}), 收到的是 null (the request body must be a JSON object)");
    }
  }

  @Test
  void refusesEmptyBodyWith400() {
    Response answer = api.post(APPLICATIONS, CHANNEL, "");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void refusesValueOfWrongTypeNamingTheField() {
    String enterprise = uniqueEnterprise();
    Response amount = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("\"requestedAmount\": 800000.00", "\"requestedAmount\": \"abc\""));
    Response date = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("\"2016-04-18\"", "\"18.04.2016\""));
    Response term = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("\"termMonths\": 36", "\"termMonths\": \"three years\""));

    for (Response answer : List.of(amount, date, term)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(codes(answer.json())).containsExactly("INVALID_TYPE");
    }
    assertThat(fields(amount.json())).containsExactly("requestedAmount");
    assertThat(fields(date.json())).containsExactly("enterprise.establishedOn");
    assertThat(fields(term.json())).containsExactly("termMonths");
    assertThat(applicationRows(enterprise)).isZero();
  }

  @Test
  void refusesADateSentAsANumberNamingTheFieldAndStoresNothing() {
    String enterprise = uniqueEnterprise();
    // a count of days (Jackson's reading of a number: 17000 days after 1970-01-01 is 2016-07-18) and a date written
    // as digits: neither is the ISO date the contract asks for
    Response days = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise).replace("\"2016-04-18\"", "17000"));
    Response digits = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise).replace("\"2016-04-18\"", "20160418"));

    for (Response answer : List.of(days, digits)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(fields(answer.json())).containsExactly("enterprise.establishedOn");
      assertThat(codes(answer.json())).containsExactly("INVALID_TYPE");
      assertThat(answer.json().path("errors").get(0).path("message").asText()).isEqualTo("取值类型不正确");
    }
    assertThat(applicationRows(enterprise)).isZero();
  }

  // --- idempotency -------------------------------------------------------------------------------

  @Test
  void retryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndStartsNothingNew() {
    String enterprise = uniqueEnterprise();
    String key = "retry-" + System.nanoTime();

    Response first = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", key);
    Response retry = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", key);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    String applicationId = first.json().get("applicationId").asText();
    assertThat(retry.json().get("applicationId").asText()).isEqualTo(applicationId);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(applicationRows(enterprise)).isEqualTo(1);
    assertThat(processInstanceCount(applicationId)).isEqualTo(1);
  }

  @Test
  void retryWritingTheSameAmountWithoutItsDecimalsIsTheSameRequest() {
    String enterprise = uniqueEnterprise();
    String key = "retry-amount-" + System.nanoTime();
    Response first = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", key);

    // the channel's retry serialises 800000.00 as 800000: the same amount, the same request
    Response retry = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("800000.00", "800000"), "Idempotency-Key", key);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.json().get("applicationId").asText()).isEqualTo(first.json().get("applicationId").asText());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  /**
   * A request the channel first sent before amounts were hashed by value (760e9a8), writing 800000: its key's row holds
   * the hash of the amount as written, the hex below (what that code stored for exactly this request). The channel's
   * retry after the deploy is the same request and gets the first answer, not 422.
   */
  @Test
  void retryAcrossTheDeployThatHashedAmountsByValueGetsTheFirstAnswer() {
    String enterprise = "遵义市汇川区跨版本重试机械加工有限公司";
    String json = applicationJson(enterprise).replace("800000.00", "800000");
    String key = "across-deploy-" + System.nanoTime();
    String applicationId = api.post(APPLICATIONS, CHANNEL, json).json().get("applicationId").asText();
    // the key's row as the code before 760e9a8 wrote it
    jdbc.sql("""
        INSERT INTO idempotency_record (caller, idempotency_key, request_hash, application_id, created_at)
        VALUES (:caller, :key, '1fcc19a654057d75027ecb25331e326b437f67d6a090fecea2a385d5d4cdf64d', :id, CURRENT_TIMESTAMP)
        """).param("caller", CHANNEL).param("key", key).param("id", applicationId).update();

    Response retry = api.post(APPLICATIONS, CHANNEL, json, "Idempotency-Key", key);

    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.json().get("applicationId").asText()).isEqualTo(applicationId);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(applicationRows(enterprise)).isEqualTo(1);
    // another request under that key is still refused
    Response other = api.post(APPLICATIONS, CHANNEL, json.replace("800000", "900000"), "Idempotency-Key", key);
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyForADifferentRequestIsRefusedWith422() {
    String enterprise = uniqueEnterprise();
    String key = "reused-" + System.nanoTime();
    Response first = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", key);

    Response other = api.post(APPLICATIONS, CHANNEL,
        applicationJson(enterprise).replace("800000.00", "900000.00"), "Idempotency-Key", key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(other.contentType()).isEqualTo("application/problem+json");
    assertThat(other.json().get("type").asText()).endsWith("/problems/idempotency-key-reused");
    assertThat(other.json().get("detail").asText())
        .startsWith("Idempotency-Key '" + key + "' 已用于内容不同的另一请求, 不予受理");
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  @Test
  void idempotencyKeysBelongToTheCaller() {
    String enterprise = uniqueEnterprise();
    String key = "per-caller-" + System.nanoTime();

    Response channel = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", key);
    Response admin = api.post(APPLICATIONS, "admin", applicationJson(enterprise), "Idempotency-Key", key);

    assertThat(channel.status()).isEqualTo(201);
    assertThat(admin.status()).as(admin.toString()).isEqualTo(201);
    assertThat(admin.json().get("applicationId").asText()).isNotEqualTo(channel.json().get("applicationId").asText());
  }

  @Test
  void concurrentRetriesWithTheSameKeyCreateOneApplicationAndOneProcessInstance() throws Exception {
    String enterprise = uniqueEnterprise();
    String key = "concurrent-" + System.nanoTime();
    String json = applicationJson(enterprise);

    List<Response> answers = Concurrently.run(8, () -> api.post(APPLICATIONS, CHANNEL, json, "Idempotency-Key", key));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
    Set<String> applicationIds = answers.stream().map(a -> a.json().get("applicationId").asText()).collect(Collectors.toSet());
    assertThat(applicationIds).hasSize(1);
    assertThat(answers).filteredOn(a -> "false".equals(a.header("Idempotent-Replayed"))).hasSize(1);
    assertThat(applicationRows(enterprise)).isEqualTo(1);
    assertThat(processInstanceCount(applicationIds.iterator().next())).isEqualTo(1);
  }

  @Test
  void refusesOverlongIdempotencyKeyWith400NamingTheHeader() {
    String enterprise = uniqueEnterprise();

    Response answer = api.post(APPLICATIONS, CHANNEL, applicationJson(enterprise), "Idempotency-Key", "k".repeat(129));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(fields(answer.json())).containsExactly("Idempotency-Key");
    assertThat(applicationRows(enterprise)).isZero();
  }

  // --- authentication and authorization ------------------------------------------------------

  @Test
  void refusesUnauthenticatedCallsWith401() {
    Response submit = api.send("POST", APPLICATIONS, null, null, applicationJson(uniqueEnterprise()));
    Response read = api.send("GET", APPLICATIONS + "/SL20261123000001", null, null, null);
    Response tasks = api.send("GET", "/engine-rest/task", null, null, null);

    assertThat(submit.status()).isEqualTo(401);
    assertThat(submit.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(read.status()).isEqualTo(401);
    assertThat(tasks.status()).isEqualTo(401);
  }

  @Test
  void refusesWrongPasswordWithoutLockingTheUserOut() {
    String enterprise = uniqueEnterprise();
    Response wrong = api.send("POST", APPLICATIONS, CHANNEL, "not-the-password", applicationJson(enterprise));
    Response wrongEngine = api.send("GET", "/engine-rest/task", "zy001-acceptor", "not-the-password", null);

    Response right = api.send("POST", APPLICATIONS, CHANNEL, DemoData.PASSWORD, applicationJson(enterprise));
    Response rightEngine = api.get("/engine-rest/task?maxResults=100", "zy001-acceptor");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrongEngine.status()).isEqualTo(401);
    assertThat(right.status()).as("test profile: no login throttling (loginMaxAttempts)").isEqualTo(201);
    assertThat(rightEngine.status()).isEqualTo(200);
    assertThat(applicationRows(enterprise)).isEqualTo(1);
  }

  @Test
  void branchStaffMayNotSubmitThroughTheChannelApi() {
    String enterprise = uniqueEnterprise();

    Response answer = api.post(APPLICATIONS, "zy001-acceptor", applicationJson(enterprise));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(applicationRows(enterprise)).isZero();
  }

  @Test
  void acceptanceTaskIsVisibleToItsBranchAndTeamLeadsOnly() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());
    String tasksOfApplication = "/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + applicationId;

    Response zy001 = api.get(tasksOfApplication, "zy001-acceptor");
    Response zy002 = api.get(tasksOfApplication, "zy002-acceptor");
    Response teamLead = api.get(tasksOfApplication, "team-lead");

    assertThat(zy001.status()).isEqualTo(200);
    assertThat(zy001.json()).hasSize(1);
    assertThat(zy001.json().get(0).get("name").asText()).isEqualTo("受理贷款申请");
    assertThat(zy002.status()).isEqualTo(200);
    assertThat(zy002.json()).isEmpty();
    assertThat(teamLead.json()).hasSize(1);
  }

  @Test
  void otherBranchCannotCompleteTheAcceptanceTaskButItsOwnBranchCan() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(applicationId).singleResult().getId();

    Response otherBranch = api.post("/engine-rest/task/" + taskId + "/complete", "zy002-acceptor", ALL_DOCUMENTS);

    assertThat(otherBranch.status()).as(otherBranch.toString()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);

    Response ownBranch = api.post("/engine-rest/task/" + taskId + "/complete", "zy001-acceptor", ALL_DOCUMENTS);

    assertThat(ownBranch.status()).as(ownBranch.toString()).isEqualTo(204);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.IN_PROCESSING);
    assertThat(jdbc.sql("SELECT actor FROM application_event WHERE application_id = :id AND event_type = 'ACCEPTED'")
        .param("id", applicationId).query(String.class).list()).containsExactly("zy001-acceptor");
  }

  /** The acceptance form as a clerk completes it with every document of a mortgage loan ticked. */
  private static final String ALL_DOCUMENTS = """
      {"variables": {
        "docBusinessLicence": {"value": true, "type": "Boolean"},
        "docLegalRepIdCard": {"value": true, "type": "Boolean"},
        "docBankStatements": {"value": true, "type": "Boolean"},
        "docFinancialStatements": {"value": true, "type": "Boolean"},
        "docCollateralTitleDeed": {"value": true, "type": "Boolean"},
        "docCollateralAppraisalReport": {"value": true, "type": "Boolean"}
      }}
      """;

  /**
   * A process owner reads every task (Cockpit shows them with the instances they deploy and migrate) and may move a
   * task's due date, but works no branch's tasks: completing a task nobody has claimed takes a member of its candidate
   * groups, whatever rights on the process definition allow.
   */
  @Test
  void aProcessOwnerCannotCompleteABranchsAcceptanceTaskNobodyClaimed() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(applicationId).singleResult().getId();

    Response processOwner = api.post("/engine-rest/task/" + taskId + "/complete", "process-owner", ALL_DOCUMENTS);

    assertThat(processOwner.status()).as(processOwner.toString()).isEqualTo(403);
    assertThat(processOwner.json().path("message").asText()).isEqualTo("待办“受理贷款申请”只能由 ZY001-acceptance 的成员办理,"
        + " process-owner 不能办理 (task " + taskId + " may be completed only by a member of ZY001-acceptance; process-owner"
        + " is not one)");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_event WHERE application_id = :id AND event_type = 'ACCEPTED'")
        .param("id", applicationId).query(Integer.class).single()).isZero();
  }

  // --- documents uploaded through a channel --------------------------------------------------

  @Test
  void documentsUploadIsRefusedWith409WhenTheApplicationIsNotWaitingForDocuments() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    executeDueJobs(processInstance(applicationId).getId());

    Response answer = api.post(APPLICATIONS + "/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void documentsUploadedTheMomentTheStatusSaysDocumentsMissingAreAccepted() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    String instanceId = processInstance(applicationId).getId();
    executeDueJobs(instanceId);
    taskService.complete(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId(),
        checklistWithout(applicationId, RequiredDocument.BANK_STATEMENTS));
    assertThat(api.get(APPLICATIONS + "/" + applicationId, CHANNEL).json().path("status").asText())
        .isEqualTo(ApplicationStatus.DOCUMENTS_MISSING.name());

    Response answer = api.post(APPLICATIONS + "/" + applicationId + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void retriedDocumentsUploadWithTheSameIdempotencyKeyIsAnsweredAsTheFirstAndRecordsNothingMore() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();
    String instanceId = processInstance(applicationId).getId();
    executeDueJobs(instanceId);
    taskService.complete(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId(),
        checklistWithout(applicationId, RequiredDocument.BANK_STATEMENTS, RequiredDocument.FINANCIAL_STATEMENTS));
    String key = "upload-" + System.nanoTime();
    String documents = APPLICATIONS + "/" + applicationId + "/documents";

    Response first = api.post(documents, CHANNEL, "{\"documents\": [\"BANK_STATEMENTS\", \"BUSINESS_LICENCE\"]}",
        "Idempotency-Key", key);
    // the mobile app lost the answer and sends the same upload again
    Response retry = api.post(documents, CHANNEL, "{\"documents\": [\"BANK_STATEMENTS\", \"BUSINESS_LICENCE\"]}",
        "Idempotency-Key", key);

    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(first.json().path("status").asText()).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING.name());
    assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_event WHERE application_id = :id AND event_type = 'DOCUMENTS_PARTLY_RECEIVED'")
        .param("id", applicationId).query(Long.class).single()).as("uploads recorded").isEqualTo(1);

    // the rest, then its retry once the application went back to acceptance
    Response rest = api.post(documents, CHANNEL, "{\"documents\": [\"FINANCIAL_STATEMENTS\"]}", "Idempotency-Key", key + "-2");
    Response restRetry = api.post(documents, CHANNEL, "{\"documents\": [\"FINANCIAL_STATEMENTS\"]}", "Idempotency-Key", key + "-2");
    assertThat(rest.status()).as(rest.toString()).isEqualTo(202);
    assertThat(rest.json().path("status").asText()).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE.name());
    assertThat(restRetry.status()).as(restRetry.toString()).isEqualTo(202);
    assertThat(restRetry.json()).isEqualTo(rest.json());
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);

    // the same key for another upload is refused, nothing recorded
    Response other = api.post(documents, CHANNEL, "{\"documents\": [\"BUSINESS_LICENCE\"]}", "Idempotency-Key", key);
    assertThat(other.status()).as(other.toString()).isEqualTo(422);
    assertThat(other.json().get("type").asText()).endsWith("/problems/idempotency-key-reused");
  }

  @Test
  void branchStaffMayNotReportDocumentsUploadedThroughAChannel() {
    String applicationId = api.post(APPLICATIONS, CHANNEL, applicationJson(uniqueEnterprise())).json()
        .get("applicationId").asText();

    Response answer = api.post(APPLICATIONS + "/" + applicationId + "/documents", "zy002-acceptor",
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void documentsUploadNamesUnknownDocumentTypes() {
    Response unknown = api.post(APPLICATIONS + "/SL20261123000001/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\", \"SELFIE\"]}");
    Response none = api.post(APPLICATIONS + "/SL20261123000001/documents", CHANNEL, "{\"documents\": []}");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(fields(unknown.json())).containsExactly("documents[1]");
    assertThat(none.status()).isEqualTo(400);
    assertThat(fields(none.json())).containsExactly("documents");
  }

  @Test
  void documentsUploadForUnknownApplicationIs404() {
    Response answer = api.post(APPLICATIONS + "/SL20991231999999/documents", CHANNEL, "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static String uniqueEnterprise() {
    return TestApplications.mortgageAtBranchCounter().enterpriseName();
  }

  private long applicationRows(String enterpriseName) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE enterprise_name = :name")
        .param("name", enterpriseName).query(Long.class).single();
  }

  private static List<String> fields(JsonNode problem) {
    return StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("field").asText()).toList();
  }

  private static List<String> codes(JsonNode problem) {
    return StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("code").asText()).toList();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
