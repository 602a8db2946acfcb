package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.RiskReview;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 专项考核 over HTTP: a customer manager sees each loan's income from disbursement on and the
 * non-performing ratio against the 1 % tolerance; the branch's leads see it; nobody else does.
 */
class CustomerManagerPerformanceApiTest extends AbstractIntegrationTest {

  @Autowired private ApplicationChecks checks;
  @Autowired private LoanAccountService loans;
  @Autowired private RepaymentService repayments;
  @Autowired private BusinessClock clock;

  private ManagedLoans managedLoans;
  /** A manager of this test only (no branch group: the loans make the manager one of ZY001's). */
  private String manager;

  @BeforeEach
  void aManagerOfThisTestOnly() {
    managedLoans = new ManagedLoans(intakeService, checks, loans);
    manager = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(manager);
    user.setFirstName("考核测试");
    user.setPassword(DemoData.PASSWORD);
    identityService.saveUser(user);
  }

  @Test
  void theInvestigatingManagerKnowsAtDisbursementWhatTheLoanWillEarnAndThenWhatItHasEarned() {
    LoanAccount loan = managedLoans.investigatedBy(manager, "100000.00", clock.today());

    JsonNode atDisbursement = performanceAs(manager).json();
    BigDecimal expected = loan.totalInterest().multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.HALF_UP);
    assertThat(atDisbursement.path("loans").asInt()).isEqualTo(1);
    assertThat(atDisbursement.path("balance").decimalValue()).isEqualByComparingTo("100000.00");
    JsonNode detail = atDisbursement.path("loanDetails").get(0);
    assertThat(detail.path("loanId").asText()).isEqualTo(loan.loanId());
    assertThat(detail.path("source").asText()).isEqualTo("FIELD_INVESTIGATION");
    assertThat(detail.path("expectedIncome").decimalValue()).isEqualByComparingTo(expected).isPositive();
    assertThat(detail.path("incomeEarned").decimalValue()).isEqualByComparingTo("0.00");

    // the borrower pays 1,000.00 early: the first instalment's interest first (100,000 × 4.35 % ÷ 12 = 362.50)
    repayments.receive(new ReceiveRepayment(loan.loanId(), "TX-ACC-" + loan.loanId(), new BigDecimal("1000.00"),
        clock.today(), "core-banking"));

    JsonNode afterRepayment = performanceAs(manager).json().path("loanDetails").get(0);
    assertThat(afterRepayment.path("interestEarned").decimalValue()).isEqualByComparingTo("362.50");
    assertThat(afterRepayment.path("incomeEarned").decimalValue()).isEqualByComparingTo("18.13");
    assertThat(afterRepayment.path("expectedIncome").decimalValue()).isEqualByComparingTo(expected);
  }

  @Test
  void aManagerWithinTheOnePercentToleranceIsExemptAndAboveItTheLoansThatPushedItOverAreListed() {
    managedLoans.investigatedBy(manager, "1000000.00", clock.today());
    LoanAccount first = managedLoans.investigatedBy(manager, "10000.00", clock.today());
    classify(first, Classification.SUBSTANDARD);

    JsonNode within = performanceAs(manager).json();
    assertThat(within.path("nplBalance").decimalValue()).isEqualByComparingTo("10000.00");
    assertThat(within.path("nplRatio").decimalValue()).isEqualByComparingTo("0.0099");
    assertThat(within.path("withinTolerance").asBoolean()).isTrue();
    assertThat(within.path("standing").asText()).isEqualTo("在不良容忍度内, 免于处罚");
    assertThat(within.path("overTolerance")).isEmpty();

    LoanAccount second = managedLoans.investigatedBy(manager, "20000.00", clock.today());
    classify(second, Classification.DOUBTFUL);

    JsonNode above = performanceAs(manager).json();
    assertThat(above.path("nplBalance").decimalValue()).isEqualByComparingTo("30000.00");
    assertThat(above.path("withinTolerance").asBoolean()).isFalse();
    assertThat(above.path("standing").asText()).isEqualTo("超出不良容忍度");
    // without the 20,000 loan 10,000 of 1,030,000 remain non-performing (0.97 %)
    assertThat(above.path("overTolerance")).hasSize(1);
    assertThat(above.path("overTolerance").get(0).path("loanId").asText()).isEqualTo(second.loanId());
    assertThat(above.path("overTolerance").get(0).path("classificationLabel").asText()).isEqualTo("可疑");
  }

  /** More loans than the connection pool has connections (40): recording each one's manager leaves none held. */
  @Test
  void aManagerWithMoreLoansThanThePoolHasConnectionsSeesEveryOne() {
    for (int i = 0; i < 45; i++) {
      managedLoans.investigatedBy(manager, "10000.00", clock.today());
    }

    JsonNode performance = performanceAs(manager).json();

    assertThat(performance.path("loans").asInt()).isEqualTo(45);
    assertThat(performance.path("balance").decimalValue()).isEqualByComparingTo("450000.00");
  }

  @Test
  void theManagerTheBranchsLeadsAndAdministratorsMayReadItAnotherManagerOrBranchMayNot() {
    managedLoans.investigatedBy(manager, "50000.00", clock.today());

    assertThat(performanceAs(manager).status()).isEqualTo(200);
    assertThat(performanceAs("team-lead").status()).isEqualTo(200);
    assertThat(performanceAs("admin").status()).isEqualTo(200);
    assertThat(performanceAs("zy001-cm").status()).isEqualTo(403);
    assertThat(performanceAs("zy002-lead").status()).isEqualTo(403);
    assertThat(performanceAs("approver").status()).isEqualTo(403);
    assertThat(performanceAs("zy001-cm").contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aBranchsLeadSeesEveryManagerOfTheBranch() {
    managedLoans.investigatedBy(manager, "50000.00", clock.today());

    Response branch = api.get("/api/customer-managers/performance?branch=ZY001", "team-lead");

    assertThat(branch.status()).isEqualTo(200);
    assertThat(branch.json().path("nplTolerance").decimalValue()).isEqualByComparingTo("0.01");
    assertThat(branch.json().path("managers").findValuesAsText("customerManager")).contains(manager, "zy001-cm", "zy001-cm2");
    assertThat(api.get("/api/customer-managers/performance?branch=ZY001", "zy002-lead").status()).isEqualTo(403);
    assertThat(api.get("/api/customer-managers/performance?branch=ZY001", "zy001-cm").status()).isEqualTo(403);
  }

  @Test
  void anUnknownManagerIsNotFoundForAdministratorsRefusedAlikeToOtherLeadsAndAMissingBranchIsABadRequest() {
    Response unknown = api.get("/api/customer-managers/nobody-" + UUID.randomUUID() + "/performance", "admin");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    // a user who is no customer manager and answers for no loan
    assertThat(api.get("/api/customer-managers/approver/performance", "admin").status()).isEqualTo(404);
    assertThat(api.get("/api/customer-managers/performance?branch=ZZ999", "admin").status()).isEqualTo(404);
    // a lead learns nothing about who is a manager elsewhere: the same 403 for another branch's manager, a user who
    // is none and a user who does not exist
    assertThat(api.get("/api/customer-managers/zy001-cm/performance", "zy002-lead").status()).isEqualTo(403);
    assertThat(api.get("/api/customer-managers/approver/performance", "zy002-lead").status()).isEqualTo(403);
    assertThat(api.get("/api/customer-managers/nobody-" + UUID.randomUUID() + "/performance", "zy002-lead").status())
        .isEqualTo(403);
    Response missing = api.get("/api/customer-managers/performance", "admin");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("branch");
  }

  private Response performanceAs(String user) {
    return api.get("/api/customer-managers/" + manager + "/performance", user);
  }

  private void classify(LoanAccount loan, Classification classification) {
    loans.applyRiskReview(new RiskReview(loan.loanId(), classification, clock.today(), "考核测试: 风险分类", "test"));
  }
}
