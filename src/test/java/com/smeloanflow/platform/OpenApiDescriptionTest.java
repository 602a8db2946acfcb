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
  void describesTheChannelApiWithExamplesAndBasicAuthentication() {
    ApiClient.Response response = api.get("/v3/api-docs", "channel");
    assertThat(response.status()).isEqualTo(200);
    JsonNode doc = response.json();
    assertThat(doc.path("info").path("title").asText()).contains("sme-loan-flow");
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
    JsonNode paths = api.get("/v3/api-docs", "channel").json().path("paths");
    assertThat(responseCodes(paths, "/api/applications/{id}/documents", "post")).as("an upload is answered 202")
        .containsExactlyInAnyOrder("202", "400", "404", "409");
    for (String report : List.of("signature", "mortgage-registration", "guarantee-signatures")) {
      assertThat(responseCodes(paths, "/api/applications/{id}/" + report, "post")).as(report)
          .containsExactlyInAnyOrder("200", "400", "404", "409");
    }
    assertThat(responseCodes(paths, "/api/applications/{id}", "get")).containsExactlyInAnyOrder("200", "403", "404");
    assertThat(responseCodes(paths, "/api/lpr-rates", "post")).as("a publication is answered 201")
        .containsExactlyInAnyOrder("201", "400", "409");
    assertThat(responseCodes(paths, "/api/campaigns/{id}/figures", "get")).containsExactlyInAnyOrder("200", "404");
    assertThat(responseCodes(paths, "/api/admin/mail-outbox/{id}/retry", "post")).containsExactlyInAnyOrder("200", "404", "409");
    assertThat(responseCodes(paths, "/api/loans/{loanId}/repayments/{transactionId}/reversal", "post"))
        .containsExactlyInAnyOrder("200", "400", "404", "409");
  }

  private static List<String> responseCodes(JsonNode paths, String path, String method) {
    List<String> codes = new java.util.ArrayList<>();
    paths.path(path).path(method).path("responses").fieldNames().forEachRemaining(codes::add);
    return codes;
  }

  @Test
  void theDescriptionAndItsPageAreBehindLogin() {
    for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
      ApiClient.Response anonymous = api.send("GET", path, null, null, null);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.header("WWW-Authenticate")).as(path).startsWith("Basic");
    }
    assertThat(api.get("/swagger-ui/index.html", "zy001-acceptor").status()).isEqualTo(200);
  }
}
