package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.PostgresTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every daily-close test of {@link DailyCloseTest} on embedded PostgreSQL 14 (the production
 * database: the crash half-way and the rerun, two nodes, catch-up, classification, settlement), plus
 * the repayment feed's concurrent replays and the collection case a close opens, on PostgreSQL.
 * Configured as {@code AbstractPostgresIntegrationTest} is, by {@link PostgresTest} (a class extends only one base).
 */
@PostgresTest
class DailyClosePostgresIT extends DailyCloseTest {


  @Test
  void concurrentReplaysOfARepaymentStoreItOnceOnPostgres() throws Exception {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    String json = "{\"transactionId\": \"TX-PG-" + loan.loanId() + "\", \"amount\": 2000.00, \"valueDate\": \"" + clock.today()
        + "\"}";

    List<Response> answers = Concurrently.run(6, () -> api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        json));

    assertThat(answers).extracting(Response::status).containsOnly(201, 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(loans.ledger(loan.loanId()).get(0).principalPaid()).isEqualByComparingTo("1637.50");
  }

  @Test
  void theCloseOpensACollectionCaseWhoseCureEndsItOnPostgres() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(BusinessDates.era());
    java.time.LocalDate firstDue = loan.disbursedOn().plusMonths(1);
    dailyClose.close(firstDue);
    startCollectionProcesses();
    String caseInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey("collection")
        .processInstanceBusinessKey(loan.loanId()).singleResult().getId();
    executeDueJobs(caseInstance);
    assertThat(mailsTo(applications.get(loan.applicationId()).legalRepEmail())).hasSize(1);

    BigDecimal arrears = loans.balances(loan.loanId()).arrears();
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-CURE-PG-" + loan.loanId(), arrears, firstDue, "core-banking"));
    executeDueJobs(caseInstance);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(caseInstance).count()).isZero();
    assertThat(mailsTo(applications.get(loan.applicationId()).legalRepEmail())).hasSize(2);
  }
}
