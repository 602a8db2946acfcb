package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.dashboard.DashboardBranches.TestBranch;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.renewal.RenewalPostingService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 放款量 over HTTP with renewals without repaying principal (无还本续贷): a renewal is a loan lent in the month of the
 * maturity it renewed at, counted in the month's loans and amount as inclusive-finance reporting counts 续贷 in 发放, and
 * shown apart (其中无还本续贷: {@code renewals}, {@code renewalAmount}) because its money repaid the old loan. Each
 * renewal is posted by the real maturity posting ({@link RenewalPostingService}) of a loan of a branch made for the test.
 */
class DashboardRenewalsApiTest extends AbstractIntegrationTest {

  @Autowired BranchService branchService;
  @Autowired LoanAccountService loans;
  @Autowired RenewalPostingService renewalPosting;

  TestBranch branch;
  TestBranch otherBranch;
  LocalDate today;

  @BeforeEach
  void twoFreshBranchesWithALeadEach() {
    branch = DashboardBranches.fresh(branchService, identityService);
    otherBranch = DashboardBranches.fresh(branchService, identityService);
    lead(branch);
    lead(otherBranch);
    today = LocalDate.now(BusinessClock.BANK_ZONE);
  }

  @Test
  void aRenewalAtThisMonthsMaturityCountsInThisMonthsPayoutsApartAndOneOfLastMonthInLastMonthsOnly() {
    renewedAtMaturity(today, "100000.00");
    renewedAtMaturity(today.minusMonths(1), "60000.00");
    YearMonth month = YearMonth.from(today);

    Response answer = api.get("/api/dashboard?from=" + month.minusMonths(1).atDay(1) + "&to=" + today + "&branch=" + branch.code(),
        "team-lead");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode lastMonth = answer.json().path("disbursed").get(0);
    JsonNode thisMonth = answer.json().path("disbursed").get(1);
    assertThat(thisMonth.path("month").asText()).isEqualTo(month.toString());
    assertThat(thisMonth.path("renewals").asLong()).as("其中无还本续贷: this month's renewal only").isEqualTo(1);
    assertThat(thisMonth.path("renewalAmount").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(thisMonth.path("loans").asLong()).as("counted in 放款量").isEqualTo(1);
    assertThat(thisMonth.path("amount").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(thisMonth.path("drawdowns").asLong()).isZero();
    assertThat(lastMonth.path("month").asText()).isEqualTo(month.minusMonths(1).toString());
    assertThat(lastMonth.path("renewals").asLong()).as("last month's renewal in last month").isEqualTo(1);
    assertThat(lastMonth.path("renewalAmount").decimalValue()).isEqualByComparingTo("60000.00");
    assertThat(lastMonth.path("loans").asLong()).isEqualTo(1);

    JsonNode onlyThisMonth = api.get("/api/dashboard?from=" + month.atDay(1) + "&to=" + today + "&branch=" + branch.code(),
        "team-lead").json().path("disbursed");
    assertThat(onlyThisMonth).hasSize(1);
    assertThat(onlyThisMonth.get(0).path("renewals").asLong()).as("last month's renewal is not this month's").isEqualTo(1);
    assertThat(onlyThisMonth.get(0).path("renewalAmount").decimalValue()).isEqualByComparingTo("100000.00");
  }

  @Test
  void aBranchLeadSeesTheBranchsRenewalsAndNotAnotherBranchs() {
    renewedAtMaturity(today, "100000.00");
    String month = YearMonth.from(today).toString();

    Response own = api.get("/api/dashboard", lead(branch));
    Response other = api.get("/api/dashboard", lead(otherBranch));

    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(thisMonth(own.json(), month).path("renewals").asLong()).isEqualTo(1);
    assertThat(thisMonth(own.json(), month).path("renewalAmount").decimalValue()).isEqualByComparingTo("100000.00");
    assertThat(other.status()).as(other.body()).isEqualTo(200);
    assertThat(thisMonth(other.json(), month).path("renewals").asLong()).as("another branch's renewal").isZero();
    assertThat(thisMonth(other.json(), month).path("loans").asLong()).isZero();
    assertThat(api.get("/api/dashboard?branch=" + branch.code(), lead(otherBranch)).status())
        .as("a branch lead asking for another branch").isEqualTo(403);
  }

  /** A renewal is no application's way through origination: no stretch of the cycle times ends in it. */
  @Test
  void aRenewalIsNotAnOriginationStretchOfTheCycleTimes() {
    renewedAtMaturity(today, "100000.00");

    JsonNode figures = api.get("/api/dashboard?branch=" + branch.code(), "team-lead").json();

    assertThat(figures.path("cycleTimes")).allSatisfy(stretch ->
        assertThat(stretch.path("applications").asLong()).as(stretch.path("label").asText()).isZero());
  }

  private static JsonNode thisMonth(JsonNode figures, String month) {
    for (JsonNode row : figures.path("disbursed")) {
      if (row.path("month").asText().equals(month)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + month + " in " + figures.path("disbursed"));
  }

  /**
   * A 12-month interest-first loan of the branch maturing on {@code maturity} (its whole principal due then), its renewal
   * signed, and the maturity posting run: the new loan repays the old one's principal.
   */
  private LoanAccount renewedAtMaturity(LocalDate maturity, String principal) {
    LoanAccount old = TestLoans.with(intakeService, loans).branch(branch.code()).principal(principal)
        .term(12, RepaymentMethod.INTEREST_FIRST).disbursedOn(maturity.minusMonths(12));
    assertThat(old.maturityDate()).isEqualTo(maturity);
    jdbc.sql("""
        INSERT INTO loan_renewal (loan_id, branch_code, credit_code, product, maturity_date, status, evaluated_on, classification,
          months_since_overdue, licence_status, score, grade, suggested_limit, red_flag, hard_red_flag, eligibility_code,
          eligibility_reason, renewal_amount, evaluated_at, approval_route, decided_by, decided_at, signed_at)
        VALUES (:loan, :branch, :creditCode, 'CREDIT_QUICK', :maturity, 'SIGNED', :evaluated, 'NORMAL', 999, 'ACTIVE', 720, 'B',
          300000.00, FALSE, FALSE, 'ELIGIBLE', '符合续贷条件', :amount, CURRENT_TIMESTAMP, 'AUTO', 'model', CURRENT_TIMESTAMP,
          CURRENT_TIMESTAMP)""")
        .param("loan", old.loanId()).param("branch", branch.code()).param("creditCode", old.creditCode()).param("maturity", maturity)
        .param("evaluated", maturity.minusDays(45)).param("amount", new BigDecimal(principal)).update();
    RenewalPostingService.Result posted = renewalPosting.post(old.loanId());
    assertThat(posted.outcome()).isEqualTo(RenewalPostingService.Outcome.RENEWED);
    return posted.newLoan();
  }

  private String lead(TestBranch of) {
    return DashboardBranches.lead(identityService, of);
  }
}
