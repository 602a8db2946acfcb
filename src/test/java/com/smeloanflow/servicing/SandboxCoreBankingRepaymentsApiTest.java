package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's sandbox core banking (repayments, bounced payments) and the administrator's daily close for a date. */
class SandboxCoreBankingRepaymentsApiTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;

  @Test
  void theSandboxReportsARepaymentAndItsBounceToTheFeedAsCoreBanking() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(LocalDate.of(2026, 11, 20));

    Response repaid = api.post("/api/sandbox/core-banking/loans/" + loan.loanId() + "/repayments", "admin",
        "{\"amount\": 1000.00}");

    assertThat(repaid.status()).as(repaid.toString()).isEqualTo(201);
    JsonNode repayment = repaid.json();
    String transaction = repayment.get("transactionId").asText();
    assertThat(transaction).startsWith("SBX");
    assertThat(repayment.get("receivedBy").asText()).isEqualTo("core-banking");
    assertThat(loans.ledger(loan.loanId()).get(0).interestPaid()).isPositive();

    Response bounced = api.post("/api/sandbox/core-banking/loans/" + loan.loanId() + "/repayments/" + transaction + "/bounce",
        "admin", "{\"reason\": \"退票: 账户冻结\"}");

    assertThat(bounced.status()).isEqualTo(200);
    assertThat(bounced.json().get("status").asText()).isEqualTo("REVERSED");
    assertThat(loans.ledger(loan.loanId()).get(0).outstanding()).isEqualByComparingTo("8530.99");
    assertThat(api.post("/api/sandbox/core-banking/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"amount\": 1000.00}").status()).isEqualTo(403);
  }

  @Test
  void anAdministratorRunsTheDailyCloseForAChosenDate() {
    LocalDate disbursed = BusinessDates.era();
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
    LocalDate firstDue = disbursed.plusMonths(1);

    Response closed = api.post("/api/sandbox/daily-close?businessDate=" + firstDue, "admin", null);

    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().get(0).get("businessDate").asText()).isEqualTo(firstDue.toString());
    assertThat(closed.json().get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(loans.standing(loan.loanId()).orElseThrow().daysPastDue()).isEqualTo(1);
    assertThat(api.post("/api/sandbox/daily-close?businessDate=" + firstDue.plusDays(1), "process-owner", null).status())
        .isEqualTo(403);
    assertThat(api.post("/api/sandbox/daily-close?businessDate=" + firstDue.plusDays(1), "collector", null).status())
        .isEqualTo(403);
    assertThat(api.post("/api/sandbox/daily-close?businessDate=tomorrow", "admin", null).status()).isEqualTo(400);
  }
}
