package com.smeloanflow.platform.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

/** The SLA targets as the API lists them: working hours as plain numbers, whatever their trailing zeros. */
class SlaTargetApiTest extends AbstractIntegrationTest {

  @Test
  void hoursAreListedAsPlainNumbersNotInExponentNotation() {
    Response targets = api.get("/api/sla-targets", "admin");

    assertThat(targets.status()).isEqualTo(200);
    // 首次贷后检查: 70 working hours to the goal, 140 to the deadline (V71); a legal follow-up: 35 / 70 (V87)
    assertThat(targets.body()).as("no 7E+1 or 1.4E+2")
        .contains("\"taskKey\":\"UserTask_FirstPostLoanCheck\"").doesNotContainPattern("Hours\":[0-9.]+E");
    targets.json().forEach(target -> {
      if (target.path("taskKey").asText().equals("UserTask_FirstPostLoanCheck")) {
        assertThat(target.path("goalHours").toString()).isEqualTo("70");
        assertThat(target.path("deadlineHours").toString()).isEqualTo("140");
      }
      if (target.path("taskKey").asText().equals("UserTask_FollowUpLegalAction")) {
        assertThat(target.path("goalHours").toString()).isEqualTo("35");
        assertThat(target.path("deadlineHours").toString()).isEqualTo("70");
      }
    });
  }
}
