package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The loop closes: a loan the bank wrote off is in its default database, so the enterprise's next
 * application is scored with it (a red flag for the processing centre), where the same enterprise
 * without the write-off would pass without one.
 */
class DefaultLoopTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;

  @Test
  void theNextApplicationOfAnEnterpriseWhoseLoanWasWrittenOffIsFlaggedForItsDefault() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());
    LoanAccount loan = TestLoans.with(intakeService, loans).creditCode(code).disbursedOn(BusinessDates.era());
    loans.writeOff(new WriteOffLoan(loan.loanId(), loan.disbursedOn().plusMonths(5), "collector2", "无可执行财产"));

    Submitted next = submit(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("100000.00"));

    JsonNode decision = api.get("/api/applications/" + next.applicationId(), "admin").json().path("decision");
    assertThat(decision.path("redFlags")).anySatisfy(flag ->
        assertThat(flag.path("code").asText()).isEqualTo("INTERNAL_DEFAULT_HISTORY"));
    assertThat(decision.toString()).contains("INTERNAL_DEFAULT_OUTSTANDING");
  }

  @Test
  void theSameEnterpriseWithoutADefaultHasNoSuchFlag() {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());

    Submitted next = submit(TestApplications.onlineCreditQuick().creditCode(code).requestedAmount("100000.00"));

    JsonNode decision = api.get("/api/applications/" + next.applicationId(), "admin").json().path("decision");
    assertThat(decision.path("redFlags")).noneSatisfy(flag ->
        assertThat(flag.path("code").asText()).isEqualTo("INTERNAL_DEFAULT_HISTORY"));
    assertThat(decision.toString()).contains("INTERNAL_NO_DEFAULT");
  }
}
