package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What the channel (the applicant-facing client: mobile banking, mini program, partner channel) reaches over HTTP with
 * its own credentials: an applicant's application, loan, renewal and credit line by id, what it reports of them, and the
 * public reference data. Every other operation of the bank's API, read from the OpenAPI description so a new one is
 * walked too, is 403 to it before any controller: the staff lists (every branch's loans), the team queues, the
 * reports, the SLA targets, collection cases and post-loan monitoring, the sandbox and administration.
 */
class ChannelReachApiTest extends SystemUserReachApiTest {

  /** The operations the channel may call; README's API table and docs/security.md say the same. */
  static final Set<String> CHANNEL_MAY_CALL = Set.of(
      "POST /api/applications",
      "GET /api/applications/{id}",
      "GET /api/applications/{id}/history",
      "POST /api/applications/{id}/documents",
      "POST /api/applications/{id}/signature",
      "POST /api/applications/{id}/guarantee-signatures",
      "POST /api/applications/{id}/mortgage-registration",
      "GET /api/loans/{loanId}",
      "POST /api/loans/{loanId}/repayments",
      "POST /api/loans/{loanId}/repayments/{transactionId}/reversal",
      "GET /api/loans/{loanId}/renewal",
      "POST /api/loans/{loanId}/renewal-applications",
      "POST /api/loans/{loanId}/renewal/signature",
      "GET /api/lines/{lineId}",
      "POST /api/lines/{lineId}/drawdowns",
      // public reference data: where to apply, the Loan Prime Rates, the bank's working days
      "GET /api/branches",
      "GET /api/branches/{code}",
      "GET /api/lpr-rates",
      "GET /api/bank-calendar",
      "GET /api/bank-calendar/{year}");

  @Test
  void theChannelIsRefusedEveryStaffListAndStaffOnlyResource() {
    SoftAssertions softly = new SoftAssertions();
    int walked = walkRefusedOutside(CHANNEL, CHANNEL_MAY_CALL, "渠道无权调用", softly);
    softly.assertThat(walked).as("staff operations walked").isGreaterThan(40);
    softly.assertAll();
  }

  @Test
  void theChannelIsToldItReadsOnlyAnApplicantsOwnBusiness() {
    Response loansOfEveryBranch = api.get("/api/loans?branchCode=ZY001", CHANNEL);

    assertThat(loansOfEveryBranch.status()).as(loansOfEveryBranch.toString()).isEqualTo(403);
    assertThat(loansOfEveryBranch.json().path("detail").asText()).isEqualTo("渠道无权调用 GET /api/loans: 渠道只可按编号查看"
        + "申请人本人的申请、借据、续贷和授信额度 (the channel may not call GET /api/loans: it reads an applicant's own"
        + " application, loan, renewal and credit line by id)");
  }

  /**
   * Beside {@code /api} the channel calls nothing: the OpenAPI description (every staff operation described), Swagger UI
   * and the demo mailbox are 403 to it, naming the call, as every operation outside its own.
   */
  @Test
  void theChannelReadsNeitherTheApiDescriptionNorTheDemoMailbox() {
    SoftAssertions softly = new SoftAssertions();
    expectRefusedEach(CHANNEL, BESIDE_THE_API, "渠道", "渠道只可按编号查看申请人本人的申请、借据、续贷和授信额度", "the channel",
        "it reads an applicant's own application, loan, renewal and credit line by id", softly);
    softly.assertAll();
  }

  @Test
  void theChannelReadsAnApplicantsApplicationAndLoanByIdAndTheReferenceData() {
    for (String path : List.of("/api/applications/" + applicationId, "/api/applications/" + applicationId + "/history",
        "/api/loans/" + loanId, "/api/branches", "/api/branches/ZY001", "/api/lpr-rates", "/api/bank-calendar")) {
      Response answer = api.get(path, CHANNEL);
      assertThat(answer.status()).as("GET %s by the channel: %s", path, answer).isEqualTo(200);
    }
    Response branch = api.get("/api/branches/ZY001", CHANNEL);
    assertThat(branch.json().path("name").asText()).isEqualTo("汇川支行");
    assertThat(branch.json().hasNonNull("createdBy")).as("an administrator's user id: %s", branch).isFalse();
    assertThat(api.get("/api/branches", CHANNEL).body()).doesNotContain("\"createdBy\":\"", "\"updatedBy\":\"");
  }
}
