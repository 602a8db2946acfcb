package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app describes its API in OpenAPI, with examples a channel developer can copy, to logged-in users only. */
class OpenApiDescriptionTest extends AbstractIntegrationTest {

  @Test
  void describesTheWholeApiWithExamplesAndBasicAuthentication() {
    ApiClient.Response response = api.get("/v3/api-docs", "zy001-acceptor");
    assertThat(response.status()).isEqualTo(200);
    JsonNode doc = response.json();
    assertThat(doc.path("info").path("title").asText()).contains("sme-loan-flow").doesNotContainIgnoringCase("channel");
    assertThat(doc.path("info").path("description").asText()).as("the whole API, not the channel's alone")
        .doesNotStartWith("Channel API").contains("Staff:", "The channel:", "Core banking:");
    assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
    JsonNode paths = doc.path("paths");
    assertThat(paths.has("/api/applications")).isTrue();
    assertThat(paths.has("/api/applications/{id}")).isTrue();
    assertThat(paths.has("/api/applications/{id}/signature")).isTrue();
    assertThat(paths.has("/api/loans/{loanId}")).isTrue();
    assertThat(response.body()).contains("91520303MA6DKQ8X4A").contains("52030219850714321X").contains("SUBMITTED");
    JsonNode history = paths.path("/api/applications/{id}/history").path("get");
    assertThat(history.path("description").asText()).as("which reader gets what")
        .contains("Staff", "The channel (channel-gateway) gets what the applicant may be shown");
    assertThat(history.path("responses").path("200").toString()).contains("申请已提交", "centre-processor");
    JsonNode guarantees = doc.path("components").path("schemas").path("ApplicationView").path("properties").path("guaranteeContracts");
    assertThat(guarantees.path("description").asText()).as("where a channel finds the number to report a guarantor's signature with")
        .contains("AWAITING_SIGNATURE", "/api/applications/{id}/guarantee-signatures");
    assertThat(response.body()).contains("BZ20261123000001-1");
  }

  @Test
  void namesTheStatusCodesTheEndpointsAnswer() {
    JsonNode paths = api.get("/v3/api-docs", "zy001-acceptor").json().path("paths");
    assertThat(responseCodes(paths, "/api/applications/{id}/documents", "post")).as("an upload is answered 202")
        .containsExactlyInAnyOrder("202", "400", "401", "403", "404", "409", "422");
    for (String report : List.of("signature", "mortgage-registration", "guarantee-signatures")) {
      assertThat(responseCodes(paths, "/api/applications/{id}/" + report, "post")).as(report)
          .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409");
    }
    assertThat(responseCodes(paths, "/api/applications/{id}", "get")).containsExactlyInAnyOrder("200", "401", "403", "404");
    assertThat(responseCodes(paths, "/api/lpr-rates", "post")).as("a publication is answered 201")
        .containsExactlyInAnyOrder("201", "400", "401", "403", "409");
    assertThat(responseCodes(paths, "/api/campaigns/{id}/figures", "get")).containsExactlyInAnyOrder("200", "401", "403", "404");
    assertThat(responseCodes(paths, "/api/admin/mail-outbox/{id}/retry", "post")).containsExactlyInAnyOrder("200", "401", "403", "404", "409");
    assertThat(responseCodes(paths, "/api/loans/{loanId}/repayments/{transactionId}/reversal", "post"))
        .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409");
  }

  /**
   * Every /api operation needs a login (SecurityConfig), so every one declares 401, the one response the description
   * holds for it; every one that only some groups may call, or that refuses another branch's records, declares 403. Who
   * may call what is {@link HostileApiSweepTest#WHO_MAY_CALL}, which that sweep holds the running code to.
   */
  @Test
  void everyOperationDeclaresTheRefusalsOfItsLoginAndOfItsGroupsOrBranch() {
    JsonNode doc = api.get("/v3/api-docs", "zy001-acceptor").json();
    List<String> without401 = new java.util.ArrayList<>();
    List<String> without403 = new java.util.ArrayList<>();
    List<String> operations = new java.util.ArrayList<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
      String operation = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
      operations.add(operation);
      JsonNode responses = method.getValue().path("responses");
      if (!responses.path("401").path("$ref").asText().equals("#/components/responses/Unauthorized")) {
        without401.add(operation);
      }
      HostileApiSweepTest.Access access = HostileApiSweepTest.WHO_MAY_CALL.get(operation);
      if (access != null && (!access.groups().isEmpty() || access.branchScoped()) && !responses.has("403")) {
        without403.add(operation);
      }
    }));

    assertThat(operations).as("operations described").hasSizeGreaterThanOrEqualTo(HostileApiSweepTest.WHO_MAY_CALL.size());
    assertThat(without401).as("operations without the shared 401").isEmpty();
    assertThat(without403).as("operations refused by group or branch without 403").isEmpty();
    assertThat(doc.path("components").path("responses").path("Unauthorized").path("content").has("application/problem+json"))
        .isTrue();
    assertThat(doc.path("paths").path("/api/lpr-rates").path("post").path("responses").path("403").path("description").asText())
        .as("a 403 of SecurityConfig's rules names who may").contains("camunda-admin", "process-owners");
    assertThat(doc.path("paths").path("/api/applications/{id}").path("get").path("responses").path("403").path("description")
        .asText()).as("a 403 the code declares is kept").isNotBlank().doesNotStartWith("Only ");
    assertThat(doc.path("paths").path("/api/lpr-rates").path("get").path("responses").path("403").path("description").asText())
        .as("staff and the channel read the rates, core banking alone is refused").startsWith("core banking (core-banking) is refused")
        .doesNotContain("channel-gateway", "Only ");
  }

  private static List<String> responseCodes(JsonNode paths, String path, String method) {
    List<String> codes = new java.util.ArrayList<>();
    paths.path(path).path(method).path("responses").fieldNames().forEachRemaining(codes::add);
    return codes;
  }

  @Test
  void theDescriptionAndItsPageAreBehindLogin() {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/index.html")) {
      ApiClient.Response anonymous = api.send("GET", path, null, null, null, "Accept", "*/*");
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).as(path).startsWith("Basic");
    }
    assertThat(api.get("/swagger-ui/index.html", "zy001-acceptor").status()).isEqualTo(200);
  }

  /**
   * Staff read the description in JSON and YAML and its page; administrators the demo mailbox. The system users of
   * outside systems read none of it (ChannelReachApiTest, CoreBankingReachApiTest, MonitoringReachApiTest), nor does
   * anyone without a login (above).
   */
  @Test
  void staffReadTheDescriptionAndAdministratorsTheDemoMailbox() {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui/index.html")) {
      ApiClient.Response answer = api.send("GET", path, "zy001-acceptor", "demo", null, "Accept", "*/*");
      assertThat(answer.status()).as("GET %s by zy001-acceptor: %s", path, answer).isEqualTo(200);
    }
    assertThat(api.send("GET", "/v3/api-docs.yaml", "zy001-acceptor", "demo", null, "Accept", "*/*").body())
        .contains("/api/applications/{id}:");
    // The tests run without the demo's embedded SMTP server, so without its mailbox: an administrator passes the login
    // and is told there is none, where a system user is refused before (403).
    for (String path : List.of("/demo/mails", "/demo/mailbox")) {
      ApiClient.Response answer = api.send("GET", path, "admin", "demo", null, "Accept", "*/*");
      assertThat(answer.status()).as("GET %s by admin: %s", path, answer).isEqualTo(404);
    }
  }
}
