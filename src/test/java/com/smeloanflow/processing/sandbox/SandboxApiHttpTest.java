package com.smeloanflow.processing.sandbox;

import com.smeloanflow.support.AbstractIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.processing.CreditCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox API over HTTP with real JSON: registration, validation, authentication. */
class SandboxApiHttpTest extends AbstractIntegrationTest {

  static final String STRONG_PROFILE = """
      {
        "registration": {"name": "遵义市汇川区明达机械加工有限公司", "establishedOn": "2017-03-01", "status": "ACTIVE", "industryCode": "C34"},
        "tax": {"rating": "A", "annualSales": 6200000.00, "overdueFilings": 0},
        "bureau": {"currentOverdueAmount": 0, "maxDpd24m": 0, "outstandingLoans": 1, "enquiriesLast3m": 1},
        "court": {"openEnforcementCases": 0, "dishonestDebtor": false},
        "flows": {
          "monthlyInflows": [510000, 525000, 515000, 530000, 520000, 518000, 522000, 527000, 519000, 524000, 521000, 523000],
          "monthlyOutflows": [470000, 480000, 466000, 490000, 475000, 472000, 479000, 481000, 470000, 476000, 474000, 478000]
        },
        "utilities": {"monthsOfHistory": 60, "latePaymentsLast24m": 0},
        "scenario": {"industryOutlook": "GROWING", "supplyChainRole": "TIER1"},
        "internalDefaults": [{"defaultDate": "2019-06-30", "amount": 50000.00, "status": "SETTLED"}],
        "sandbox": {"failingSources": ["BUREAU"], "failuresBeforeSuccess": 2}
      }
      """;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void adminRegistersAnEnterpriseWith201AndReplacesItWith200() throws Exception {
    String code = CreditCodes.fresh();

    HttpResponse<String> created = put(code, STRONG_PROFILE, "admin");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/sandbox/enterprises/" + code);
    JsonNode body = json.readTree(created.body());
    assertThat(body.path("creditCode").asText()).isEqualTo(code);
    assertThat(body.path("origin").asText()).isEqualTo("REGISTERED");
    assertThat(body.path("registeredBy").asText()).isEqualTo("admin");
    assertThat(body.path("tax").path("rating").asText()).isEqualTo("A");
    assertThat(body.path("flows").path("monthlyInflows")).hasSize(12);
    assertThat(body.path("scenario").path("supplyChainRole").asText()).isEqualTo("TIER1");
    assertThat(body.path("internalDefaults").get(0).path("status").asText()).isEqualTo("SETTLED");
    assertThat(body.path("sandbox").path("failingSources").get(0).asText()).isEqualTo("BUREAU");
    assertThat(body.path("sandbox").path("failuresBeforeSuccess").asInt()).isEqualTo(2);

    HttpResponse<String> replaced = put(code, STRONG_PROFILE.replace("\"rating\": \"A\"", "\"rating\": \"B\""), "admin");
    assertThat(replaced.statusCode()).isEqualTo(200);
    JsonNode stored = json.readTree(get(code, "admin").body());
    assertThat(stored.path("tax").path("rating").asText()).isEqualTo("B");
    assertThat(stored.path("origin").asText()).isEqualTo("REGISTERED");
  }

  @Test
  void processOwnerMayRegisterEnterprises() throws Exception {
    assertThat(put(CreditCodes.fresh(), STRONG_PROFILE, "process-owner").statusCode()).isEqualTo(201);
  }

  @Test
  void omittedSectionsGetTheDefaultDerivedFromTheCreditCode() throws Exception {
    String code = CreditCodes.fresh();

    HttpResponse<String> response = put(code, """
        {"court": {"openEnforcementCases": 0, "dishonestDebtor": true}}
        """, "admin");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    SandboxProfile derived = SandboxDefaults.derive(code);
    assertThat(body.path("court").path("dishonestDebtor").asBoolean()).isTrue();
    assertThat(body.path("registration").path("name").asText()).isEqualTo(derived.registration().name());
    assertThat(body.path("tax").path("rating").asText()).isEqualTo(derived.tax().rating());
    assertThat(body.path("flows").path("monthlyInflows")).hasSize(12);
  }

  @Test
  void enterpriseNobodyRegisteredShowsItsDerivedDefault() throws Exception {
    String code = CreditCodes.fresh();

    HttpResponse<String> response = get(code, "admin");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("origin").asText()).isEqualTo("DERIVED_DEFAULT");
    assertThat(body.path("registration").path("name").asText()).isEqualTo(SandboxDefaults.derive(code).registration().name());
    assertThat(json.readTree(get(code, "admin").body())).isEqualTo(body);
  }

  @Test
  void eachBadFieldIsNamedAndNothingIsStored() throws Exception {
    String code = CreditCodes.fresh();
    String bad = """
        {
          "registration": {"name": "", "establishedOn": "2999-01-01", "status": "CLOSED", "industryCode": "34"},
          "tax": {"rating": "E", "annualSales": 12.345, "overdueFilings": -1},
          "bureau": {"currentOverdueAmount": -100, "maxDpd24m": 800, "outstandingLoans": 0},
          "court": {"openEnforcementCases": 0},
          "flows": {"monthlyInflows": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "monthlyOutflows": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12]},
          "utilities": {"monthsOfHistory": -3, "latePaymentsLast24m": 0},
          "scenario": {"industryOutlook": "BOOMING", "supplyChainRole": "TIER3"},
          "internalDefaults": [{"defaultDate": "2999-12-31", "amount": 0, "status": "PAID"}],
          "sandbox": {"failingSources": ["ERP"], "failuresBeforeSuccess": -1, "failureMode": "SLOW", "timeoutMillis": 999999}
        }
        """;

    HttpResponse<String> response = put(code, bad, "admin");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    Map<String, String> errors = errors(response);
    assertThat(errors.keySet()).containsExactlyInAnyOrder(
        "registration.name", "registration.establishedOn", "registration.status", "registration.industryCode",
        "tax.rating", "tax.annualSales", "tax.overdueFilings",
        "bureau.currentOverdueAmount", "bureau.maxDpd24m", "bureau.enquiriesLast3m",
        "court.dishonestDebtor",
        "flows.monthlyInflows", "flows.monthlyOutflows[11]",
        "utilities.monthsOfHistory",
        "scenario.industryOutlook", "scenario.supplyChainRole",
        "internalDefaults[0].defaultDate", "internalDefaults[0].amount", "internalDefaults[0].status",
        "sandbox.failingSources[0]", "sandbox.failuresBeforeSuccess", "sandbox.failureMode", "sandbox.timeoutMillis");
    assertThat(errors).containsEntry("tax.rating", "UNKNOWN_VALUE").containsEntry("flows.monthlyInflows", "MUST_HAVE_12_MONTHS")
        .containsEntry("tax.annualSales", "TOO_MANY_DECIMALS").containsEntry("registration.establishedOn", "IN_FUTURE")
        .containsEntry("bureau.currentOverdueAmount", "NOT_POSITIVE").containsEntry("utilities.monthsOfHistory", "NEGATIVE")
        .containsEntry("bureau.maxDpd24m", "OUT_OF_RANGE").containsEntry("court.dishonestDebtor", "REQUIRED");
    assertThat(response.body()).contains("必须有12个月的数据");
    assertThat(json.readTree(get(code, "admin").body()).path("origin").asText()).isEqualTo("DERIVED_DEFAULT");
  }

  @Test
  void creditCodeWithAWrongCheckCharacterIsRefused() throws Exception {
    String valid = CreditCodes.fresh();
    String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');

    HttpResponse<String> put = put(wrongCheck, STRONG_PROFILE, "admin");
    HttpResponse<String> get = get(wrongCheck, "admin");

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(errors(put)).containsExactly(Map.entry("creditCode", "INVALID_CHECK_CHARACTER"));
    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(errors(get)).containsKey("creditCode");
    assertThat(errors(put(valid.substring(0, 10), STRONG_PROFILE, "admin"))).containsEntry("creditCode", "INVALID_FORMAT");
  }

  @Test
  void fractionalCountIsABadFieldNotRoundedDown() throws Exception {
    HttpResponse<String> response = put(CreditCodes.fresh(), """
        {"tax": {"rating": "A", "annualSales": 1000000, "overdueFilings": 1.5}}
        """, "admin");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(response)).containsEntry("tax.overdueFilings", "INVALID_TYPE");
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    assertThat(put(CreditCodes.fresh(), "{\"tax\": ", "admin").statusCode()).isEqualTo(400);
  }

  @Test
  void withoutCredentialsTheSandboxAnswers401() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(CreditCodes.fresh()))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(STRONG_PROFILE)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void branchAcceptorMayNotUseTheSandbox() throws Exception {
    String code = CreditCodes.fresh();

    assertThat(put(code, STRONG_PROFILE, "zy001-acceptor").statusCode()).isEqualTo(403);
    assertThat(get(code, "zy001-acceptor").statusCode()).isEqualTo(403);
    assertThat(json.readTree(get(code, "admin").body()).path("origin").asText()).isEqualTo("DERIVED_DEFAULT");
  }

  private HttpResponse<String> put(String creditCode, String body, String user) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(creditCode))
        .header("Authorization", basic(user))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String creditCode, String user) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(creditCode)).header("Authorization", basic(user)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String creditCode) {
    return URI.create("http://localhost:" + port + "/api/sandbox/enterprises/" + creditCode);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  /** field → code of the problem's {@code errors}. */
  private Map<String, String> errors(HttpResponse<String> response) throws IOException {
    JsonNode errors = json.readTree(response.body()).path("errors");
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    StreamSupport.stream(errors.spliterator(), false)
        .forEach(e -> entries.add(Map.entry(e.path("field").asText(), e.path("code").asText())));
    return entries.stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
        java.util.LinkedHashMap::new));
  }
}
