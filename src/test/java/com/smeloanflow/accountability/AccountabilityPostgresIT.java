package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RiskReview;
import com.smeloanflow.support.PostgresTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Accountability on embedded PostgreSQL 14 (the production database): every review test of
 * {@link DueDiligenceReviewProcessTest} (started at 次级, once per loan, one finding per outcome), and the
 * manager's figures from the ledger. Configured as {@code AbstractPostgresIntegrationTest} is (a class
 * extends only one base).
 */
@PostgresTest
class AccountabilityPostgresIT extends DueDiligenceReviewProcessTest {

  @Autowired private ApplicationChecks checks;
  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;
  @Autowired private PerformanceService performance;

  @Test
  void aManagersBalancesIncomeAndToleranceOnPostgres() {
    String manager = "pg-" + UUID.randomUUID().toString().substring(0, 8);
    ManagedLoans managedLoans = new ManagedLoans(intakeService, checks, loans);
    managedLoans.investigatedBy(manager, "989900.00", clock.today());
    LoanAccount bad = managedLoans.investigatedBy(manager, "10100.00", clock.today());
    loans.applyRiskReview(new RiskReview(bad.loanId(), Classification.LOSS, clock.today(), "核销前认定损失", "test"));

    ManagerPerformance figures = performance.of(manager);

    assertThat(figures.loans()).isEqualTo(2);
    assertThat(figures.balance()).isEqualByComparingTo("1000000.00");
    assertThat(figures.nplRatio()).isEqualByComparingTo("0.0101");
    assertThat(figures.withinTolerance()).isFalse();
    assertThat(figures.overTolerance()).extracting(ManagerPerformance.OverTolerance::loanId).containsExactly(bad.loanId());
    assertThat(figures.expectedIncome()).isPositive();
  }
}
