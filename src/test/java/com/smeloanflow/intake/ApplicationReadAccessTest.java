package com.smeloanflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import org.junit.jupiter.api.Test;

/** Over the API, branch staff read only their own branch's applications; channel and central staff read all. */
class ApplicationReadAccessTest extends AbstractIntegrationTest {

  @Test
  void otherBranchStaffCannotReadTheApplicationOrItsHistory() {
    String id = submit(TestApplications.mortgageAtBranchCounter()).applicationId();

    ApiClient.Response status = api.get("/api/applications/" + id, "zy002-acceptor");
    assertThat(status.status()).isEqualTo(403);
    assertThat(status.contentType()).startsWith("application/problem+json");
    assertThat(status.json().path("detail").asText())
        .isEqualTo("无权查看网点 ZY001 的申请 " + id + " (user zy002-acceptor may not read application " + id + " of branch ZY001)");
    assertThat(api.get("/api/applications/" + id + "/history", "zy002-acceptor").status()).isEqualTo(403);
  }

  @Test
  void ownBranchChannelAndCentralStaffReadTheApplication() {
    String id = submit(TestApplications.mortgageAtBranchCounter()).applicationId();

    for (String reader : new String[] {"zy001-acceptor", "zy001-cm", CHANNEL, "centre-processor", "team-lead"}) {
      ApiClient.Response status = api.get("/api/applications/" + id, reader);
      assertThat(status.status()).as(reader).isEqualTo(200);
      assertThat(status.json().path("applicationId").asText()).isEqualTo(id);
    }
  }

  @Test
  void unauthenticatedCallerGetsProblemJsonWithABasicChallenge() {
    ApiClient.Response response = api.send("GET", "/api/applications/SL00000000000000", null, null, null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
  }
}
