package com.smeloanflow.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.ReceiveRepayment;
import com.smeloanflow.servicing.RenewLoan;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.RiskReview;
import com.smeloanflow.servicing.WriteOffLoan;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
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
    manager = aManager();
  }

  private String aManager() {
    String userId = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    newStaff(userId, "考核测试", null);
    return userId;
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

  /**
   * A loan of 100,000.00 disbursed 40 days ago, its first instalment (interest 362.50) overdue with 12.34 penalty
   * interest, written off yesterday: the claim is 100,000.00 principal, 362.50 interest and 12.34 penalty interest.
   * Core banking then reports money received for it (核销后收回) on the repayment feed.
   */
  @Test
  void interestAndPenaltyRecoveredAfterTheWriteOffAreEarnedByItsManagerButNotThePrincipalNorAReversedRecovery() {
    LoanAccount loan = writtenOffWithInterestAndPenaltyUnpaid(manager, "ZY001");
    String otherManager = aManager();
    writtenOffWithInterestAndPenaltyUnpaid(otherManager, "ZY002");
    JsonNode otherBefore = api.get("/api/customer-managers/" + otherManager + "/performance", otherManager).json();

    JsonNode writtenOff = performanceAs(manager).json().path("loanDetails").get(0);
    assertThat(writtenOff.path("status").asText()).isEqualTo("WRITTEN_OFF");
    assertThat(writtenOff.path("interestEarned").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(writtenOff.path("recoveredInterest").decimalValue()).isEqualByComparingTo("0.00");

    // 100,300.00: the principal written off first (not income), then 300.00 of the interest
    assertThat(recover(loan, "RC-PF-1-" + loan.loanId(), "100300.00").status()).isEqualTo(201);
    JsonNode afterFirst = performanceAs(manager).json();
    JsonNode detail = afterFirst.path("loanDetails").get(0);
    assertThat(detail.path("interestEarned").decimalValue()).isEqualByComparingTo("300.00");
    assertThat(detail.path("recoveredInterest").decimalValue()).isEqualByComparingTo("300.00");
    assertThat(detail.path("incomeEarned").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(afterFirst.path("incomeEarned").decimalValue()).isEqualByComparingTo("15.00");
    assertThat(afterFirst.path("balance").decimalValue()).as("a written-off loan has no balance")
        .isEqualByComparingTo("0.00");

    // 74.84: the remaining 62.50 interest and the 12.34 penalty interest
    String second = "RC-PF-2-" + loan.loanId();
    assertThat(recover(loan, second, "74.84").status()).isEqualTo(201);
    JsonNode afterSecond = performanceAs(manager).json();
    assertThat(afterSecond.path("loanDetails").get(0).path("interestEarned").decimalValue()).isEqualByComparingTo("374.84");
    assertThat(afterSecond.path("loanDetails").get(0).path("incomeEarned").decimalValue()).isEqualByComparingTo("18.74");
    assertThat(afterSecond.path("incomeEarned").decimalValue()).isEqualByComparingTo("18.74");

    // core banking reports the second bounced: it no longer counts
    Response reversed = api.post("/api/loans/" + loan.loanId() + "/repayments/" + second + "/reversal", "core-banking",
        "{\"reason\": \"退票\"}");
    assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
    JsonNode afterReversal = performanceAs(manager).json();
    assertThat(afterReversal.path("loanDetails").get(0).path("interestEarned").decimalValue()).isEqualByComparingTo("300.00");
    assertThat(afterReversal.path("loanDetails").get(0).path("recoveredInterest").decimalValue())
        .isEqualByComparingTo("300.00");
    assertThat(afterReversal.path("incomeEarned").decimalValue()).isEqualByComparingTo("15.00");

    // another branch's manager, with a written-off loan of their own, earns nothing of it
    JsonNode otherAfter = api.get("/api/customer-managers/" + otherManager + "/performance", otherManager).json();
    assertThat(otherAfter).isEqualTo(otherBefore);
    assertThat(otherAfter.path("branchCodes").get(0).asText()).isEqualTo("ZY002");
    assertThat(otherAfter.path("loanDetails").get(0).path("recoveredInterest").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(otherAfter.path("incomeEarned").decimalValue()).isEqualByComparingTo("0.00");
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
    Response otherLead = api.get("/api/customer-managers/performance?branch=ZY001", "zy002-lead");
    assertThat(otherLead.status()).isEqualTo(403);
    assertThat(otherLead.json().path("detail").asText())
        .isEqualTo("无权查看网点 ZY001 的客户经理业绩 (user zy002-lead may not read the performance of branch ZY001)");
    Response manager = api.get("/api/customer-managers/performance?branch=ZY001", "zy001-cm");
    assertThat(manager.status()).isEqualTo(403);
    assertThat(manager.json().path("detail").asText()).startsWith("只有网点的团队主管和系统管理员可以查看客户经理业绩, 用户 zy001-cm 不是网点的团队主管 (");
  }

  @Test
  void anUnknownManagerIsNotFoundForAdministratorsRefusedAlikeToOtherLeadsAndAMissingBranchIsABadRequest() {
    Response unknown = api.get("/api/customer-managers/nobody-" + UUID.randomUUID() + "/performance", "admin");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    // a user who is no customer manager and answers for no loan
    Response noManager = api.get("/api/customer-managers/approver/performance", "admin");
    assertThat(noManager.status()).isEqualTo(404);
    assertThat(noManager.json().path("detail").asText())
        .isEqualTo("用户 approver 不是客户经理, 也没有管户的贷款 (user approver is no customer manager and answers for no loan)");
    Response noBranch = api.get("/api/customer-managers/performance?branch=ZZ999", "admin");
    assertThat(noBranch.status()).isEqualTo(404);
    assertThat(noBranch.json().path("detail").asText()).isEqualTo("网点 ZZ999 不存在 (branch ZZ999 does not exist)");
    // a lead learns nothing about who is a manager elsewhere: the same 403 for another branch's manager, a user who
    // is none and a user who does not exist
    Response otherBranchsManager = api.get("/api/customer-managers/zy001-cm/performance", "zy002-lead");
    Response noManagerAtAll = api.get("/api/customer-managers/approver/performance", "zy002-lead");
    assertThat(otherBranchsManager.status()).isEqualTo(403);
    assertThat(noManagerAtAll.status()).isEqualTo(403);
    assertThat(otherBranchsManager.json().path("detail").asText()).isEqualTo("无权查看客户经理 zy001-cm 的业绩 (user zy002-lead may not read the performance of customer manager zy001-cm)");
    assertThat(noManagerAtAll.json().path("detail").asText()).as("worded alike: whether approver is a manager stays unsaid")
        .isEqualTo("无权查看客户经理 approver 的业绩 (user zy002-lead may not read the performance of customer manager approver)");
    assertThat(api.get("/api/customer-managers/nobody-" + UUID.randomUUID() + "/performance", "zy002-lead").status())
        .isEqualTo(403);
    Response missing = api.get("/api/customer-managers/performance", "admin");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("branch");
  }

  @Test
  void aRenewedLoanStaysWithItsManagerAndItsBalanceStillCountsInTheFigures() {
    LoanAccount loan = managedLoans.investigatedBy(manager, "100000.00", clock.today().minusMonths(12));
    BigDecimal dueAtMaturity = loans.ledger(loan.loanId()).get(11).principalDue();

    // 无还本续贷 at maturity: the maturity instalment's principal is lent again under a new loan id, same application
    LoanAccount renewed = loans.renew(new RenewLoan(loan.loanId(), dueAtMaturity, "CB-RN-" + loan.loanId()));

    JsonNode performance = performanceAs(manager).json();
    assertThat(performance.path("loans").asInt()).as("the old loan and the loan that renewed it").isEqualTo(2);
    // the old loan's 11 unpaid instalments plus the renewed maturity principal: the 100,000.00 the manager answered for
    assertThat(performance.path("balance").decimalValue()).isEqualByComparingTo("100000.00");
    JsonNode renewedDetail = detailOf(performance, renewed.loanId());
    assertThat(renewedDetail.path("outstandingPrincipal").decimalValue()).isEqualByComparingTo(dueAtMaturity);
    assertThat(renewedDetail.path("source").asText()).as("why this manager: the application's field investigation")
        .isEqualTo("FIELD_INVESTIGATION");
    assertThat(renewedDetail.path("expectedIncome").decimalValue()).isPositive();
  }

  private static JsonNode detailOf(JsonNode performance, String loanId) {
    for (JsonNode detail : performance.path("loanDetails")) {
      if (loanId.equals(detail.path("loanId").asText())) {
        return detail;
      }
    }
    throw new AssertionError("loan " + loanId + " is not among the manager's loans: " + performance.path("loanDetails"));
  }

  private Response performanceAs(String user) {
    return api.get("/api/customer-managers/" + manager + "/performance", user);
  }

  private LoanAccount writtenOffWithInterestAndPenaltyUnpaid(String manager, String branchCode) {
    LoanAccount loan = managedLoans.investigatedBy(manager, "100000.00", clock.today().minusDays(40), branchCode);
    // what the daily closes since the first due date left on the ledger: the instalment overdue, penalty accrued
    jdbc.sql("UPDATE repayment_instalment SET status = 'OVERDUE', penalty_accrued = 12.34 WHERE loan_id = :id AND number = 1")
        .param("id", loan.loanId()).update();
    loans.writeOff(new WriteOffLoan(loan.loanId(), clock.today().minusDays(1), "collector2", "逾期90天以上, 催收无果"));
    return loan;
  }

  /** Money core banking received for the written-off loan, reported on the repayment feed. */
  private Response recover(LoanAccount loan, String transactionId, String amount) {
    return api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking", "{\"transactionId\": \""
        + transactionId + "\", \"amount\": " + amount + ", \"valueDate\": \"" + clock.today() + "\"}");
  }

  private void classify(LoanAccount loan, Classification classification) {
    loans.applyRiskReview(new RiskReview(loan.loanId(), classification, clock.today(), "考核测试: 风险分类", "test"));
  }
}
