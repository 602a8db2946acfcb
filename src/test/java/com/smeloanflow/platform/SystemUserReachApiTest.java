package com.smeloanflow.platform;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a system user (the channel, core banking, Prometheus) reaches over HTTP with its own credentials: an application
 * and a loan of branch ZY001 to name in the paths, the walk of every operation of the OpenAPI description, and what the
 * bank's API serves beside {@code /api} (the description itself, Swagger UI, the demo mailbox).
 */
abstract class SystemUserReachApiTest extends AbstractIntegrationTest {

  @Autowired protected LoanAccountService loans;
  @Autowired protected BusinessClock clock;

  protected String applicationId;
  protected String loanId;

  @BeforeEach
  void anApplicationAndALoanOfBranchZy001() {
    applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    loanId = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10)).loanId();
  }

  /**
   * Calls every operation but {@code mayCall} as {@code user} and expects each refused with a detail starting with
   * {@code refusal} ({@link HostileApiSweepTest#expectRefusedOutside}).
   *
   * @return how many operations were walked
   */
  protected int walkRefusedOutside(String user, Set<String> mayCall, String refusal, SoftAssertions softly) {
    return HostileApiSweepTest.expectRefusedOutside(api, user, mayCall, Map.of("id", applicationId,
        "applicationId", applicationId, "loanId", loanId, "code", "ZY001", "year", "2026", "userId", "zy001-cm"),
        refusal, softly);
  }

  /**
   * What the bank's API serves beside {@code /api}, to staff: the OpenAPI description (JSON, YAML, Swagger UI's
   * configuration), Swagger UI's page, and in the demo the mailbox (its page and its JSON).
   */
  static final List<String> BESIDE_THE_API = List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
      "/swagger-ui.html", "/swagger-ui/index.html", "/demo/mails", "/demo/mailbox");

  /**
   * Expects {@code GET} on each of {@code paths} refused to {@code user} with 403 naming the call and what the system
   * may do: {@code <who>无权调用 GET <path>: <may> (<whoInEnglish> may not call GET <path>: <mayInEnglish>)}.
   */
  protected void expectRefusedEach(String user, List<String> paths, String who, String may, String whoInEnglish,
      String mayInEnglish, SoftAssertions softly) {
    for (String path : paths) {
      Response answer = api.send("GET", path, user, DemoData.PASSWORD, null, "Accept", "*/*");
      softly.assertThat(answer.status()).as("GET %s by %s: %s", path, user, answer).isEqualTo(403);
      softly.assertThat(answer.body()).as("GET %s by %s", path, user).contains("\"detail\":\"" + who + "无权调用 GET " + path
          + ": " + may + " (" + whoInEnglish + " may not call GET " + path + ": " + mayInEnglish + ")\"");
    }
  }
}
