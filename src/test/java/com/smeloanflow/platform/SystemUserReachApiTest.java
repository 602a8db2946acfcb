package com.smeloanflow.platform;

import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a system user (the channel, core banking) reaches over HTTP with its own credentials: an application and a loan
 * of branch ZY001 to name in the paths, and the walk of every operation of the OpenAPI description.
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
}
