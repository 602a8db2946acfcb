package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What core banking (the system user {@code core-banking}) reaches over HTTP with its own credentials: it reports a
 * loan's repayments, their reversals and early-warning signals. Every other operation of the bank's API, read from the
 * OpenAPI description so a new one is walked too, is 403 to it before any controller: the staff lists (every branch's
 * loans), the loans, applications and lines themselves, the SLA targets, the reference data, the team queues, the
 * reports, the sandbox and administration.
 */
class CoreBankingReachApiTest extends SystemUserReachApiTest {

  static final String CORE_BANKING = "core-banking";

  /** The operations core banking may call; README's API table and docs/security.md say the same. */
  static final Set<String> CORE_BANKING_MAY_CALL = Set.of(
      "POST /api/loans/{loanId}/repayments",
      "POST /api/loans/{loanId}/repayments/{transactionId}/reversal",
      "POST /api/loans/{loanId}/signals");

  @Test
  void coreBankingIsRefusedEveryOperationButItsReports() {
    SoftAssertions softly = new SoftAssertions();
    int walked = walkRefusedOutside(CORE_BANKING, CORE_BANKING_MAY_CALL, "核心系统无权调用", softly);
    softly.assertThat(walked).as("operations walked").isGreaterThan(60);
    softly.assertAll();
  }

  @Test
  void coreBankingIsToldWhatItMayCall() {
    for (String path : List.of("/api/loans?branchCode=ZY001", "/api/loans/" + loanId, "/api/sla-targets")) {
      Response answer = api.get(path, CORE_BANKING);

      String call = "GET " + path.replaceAll("\\?.*", "");
      assertThat(answer.status()).as("%s by core banking: %s", path, answer).isEqualTo(403);
      assertThat(answer.json().path("detail").asText()).isEqualTo("核心系统无权调用 " + call + ": 核心系统只可报送借据的还款、"
          + "还款冲正和预警信号 (core banking may not call " + call + ": it reports a loan's repayments, their reversals and"
          + " early-warning signals)");
    }
  }

  /**
   * Beside {@code /api} core banking calls nothing: the OpenAPI description (every staff operation described), Swagger
   * UI and the demo mailbox are 403 to it, naming the call, as every operation outside its reports.
   */
  @Test
  void coreBankingReadsNeitherTheApiDescriptionNorTheDemoMailbox() {
    SoftAssertions softly = new SoftAssertions();
    expectRefusedEach(CORE_BANKING, BESIDE_THE_API, "核心系统", "核心系统只可报送借据的还款、还款冲正和预警信号", "core banking",
        "it reports a loan's repayments, their reversals and early-warning signals", softly);
    softly.assertAll();
  }

  @Test
  void theOpenApiDescriptionSaysWhatCoreBankingMayCall() {
    com.fasterxml.jackson.databind.JsonNode doc = api.get("/v3/api-docs", "admin").json();

    assertThat(doc.path("info").path("description").asText()).contains("core banking (core-banking) the repayments of a loan,"
        + " their reversals and early-warning signals");
    for (String[] refused : new String[][] {{"/api/loans", "get"}, {"/api/sla-targets", "get"}, {"/api/lpr-rates", "get"},
        {"/api/loans/{loanId}", "get"}}) {
      assertThat(doc.path("paths").path(refused[0]).path(refused[1]).path("responses").path("403").path("description").asText())
          .as("%s %s", refused[1], refused[0]).contains("core banking (core-banking) is refused: it reports a loan's"
              + " repayments, their reversals and early-warning signals (核心系统无权调用)");
    }
    assertThat(doc.path("paths").path("/api/loans/{loanId}/signals").path("post").path("responses").path("403").toString())
        .doesNotContain("core-banking) is refused");
  }

  @Test
  void coreBankingReportsARepaymentItsReversalAndASignal() {
    String transaction = "CB-REACH-" + UUID.randomUUID().toString().substring(0, 8);

    Response repaid = api.post("/api/loans/" + loanId + "/repayments", CORE_BANKING, "{\"transactionId\": \"" + transaction
        + "\", \"amount\": 1000.00, \"valueDate\": \"" + clock.today() + "\"}");
    Response reversed = api.post("/api/loans/" + loanId + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票\"}");
    Response signal = api.post("/api/loans/" + loanId + "/signals", CORE_BANKING, "{}");

    assertThat(repaid.status()).as(repaid.toString()).isEqualTo(201);
    assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
    assertThat(reversed.json().path("status").asText()).isEqualTo("REVERSED");
    assertThat(signal.status()).as("the signal's controller names the missing fields: %s", signal).isEqualTo(400);
    assertThat(signal.body()).contains("eventId", "signalType");
  }
}
