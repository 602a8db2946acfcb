package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A called-in loan's ledger (提前收回贷款, {@link LoanAccountService#accelerate}): everything owed falls due on the repay-by
 * date, the daily close treats it as due that day, a payoff by then settles the loan, a second call-in changes
 * nothing, and a repayment that bounces after the call-in leaves the schedule accelerated. Each test works in an era of its own ({@link BusinessDates}); its loan (100,000.00 at 4.35 %, 12 months,
 * equal instalments, first instalment 8,168.49 + 362.50 interest) is disbursed on 15 January and called in on 25
 * January, to be repaid by 9 February: the first period (15 January to 15 February, 31 days) has run 25 days by then,
 * 362.50 × 25 / 31 = 292.34 of interest.
 */
class LoanAccelerationTest extends AbstractIntegrationTest {

  private static final BigDecimal ACCRUED = new BigDecimal("292.34");

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired RepaymentService repayments;

  private LocalDate disbursed;
  private LocalDate repayBy;

  @BeforeEach
  void era() {
    disbursed = BusinessDates.era();
    repayBy = disbursed.plusDays(25);
  }

  private LoanAccount calledInLoan() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
    assertThat(loans.accelerate(loan.loanId(), repayBy)).isEqualTo(repayBy);
    return loan;
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void everythingOwedFallsDueOnTheRepayByDateWithTheInterestToThatDate() {
    LoanAccount loan = calledInLoan();

    List<LedgerLine> ledger = loans.ledger(loan.loanId());
    assertThat(ledger).hasSize(12).allSatisfy(line -> {
      assertThat(line.dueDate()).isEqualTo(repayBy);
      assertThat(line.status()).isEqualTo(InstalmentStatus.DUE);
    });
    assertThat(ledger.get(0).principal()).isEqualTo(money("8168.49"));
    assertThat(ledger.get(0).interest()).isEqualTo(ACCRUED);
    assertThat(ledger.subList(1, 12)).allSatisfy(line -> assertThat(line.interest()).isEqualTo(money("0.00")));
    assertThat(ledger.get(11).principal()).isEqualTo(money("8500.20"));
    assertThat(jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single()).isEqualByComparingTo("100000.00");
    assertThat(repayments.payoffAmount(loan.loanId(), repayBy)).isEqualTo(money("100292.34"));

    JsonNode view = api.get("/api/loans/" + loan.loanId(), "admin").json();
    assertThat(view.path("acceleratedOn").asText()).isEqualTo(repayBy.toString());
    assertThat(view.path("schedule").get(0).path("dueDate").asText()).isEqualTo(repayBy.toString());
    assertThat(view.path("schedule").get(0).path("interest").asText()).isEqualTo("292.34");
    assertThat(view.path("schedule").get(11).path("dueDate").asText()).isEqualTo(repayBy.toString());
    assertThat(view.path("outstandingInterest").asText()).isEqualTo("292.34");
  }

  @Test
  void theCloseOfTheRepayByDateMarksTheAcceleratedInstalmentsOverdueWithPenaltyOnAllThePrincipal() {
    LoanAccount loan = calledInLoan();
    dailyClose.close(repayBy.minusDays(1));
    assertThat(loans.ledger(loan.loanId())).allSatisfy(line -> assertThat(line.status()).isEqualTo(InstalmentStatus.DUE));

    dailyClose.close(repayBy);

    List<LedgerLine> ledger = loans.ledger(loan.loanId());
    assertThat(ledger).allSatisfy(line -> assertThat(line.status()).isEqualTo(InstalmentStatus.OVERDUE));
    // one day on each instalment's principal at 6.525 % / 360, to the fen: 1.48 + 1.49 + ... + 1.54
    assertThat(LoanBalances.of(ledger).penaltyAccrued()).isEqualTo(money("18.13"));
    assertThat(LoanBalances.of(ledger).overduePrincipal()).isEqualTo(money("100000.00"));
    LoanStanding standing = loans.standing(loan.loanId()).orElseThrow();
    assertThat(standing.daysPastDue()).isEqualTo(1);
    assertThat(standing.overdueSince()).isEqualTo(repayBy);
    assertThat(standing.classification()).isEqualTo(Classification.SPECIAL_MENTION);
  }

  @Test
  void aRepaymentOfEverythingByTheDateSettlesTheLoan() {
    LoanAccount loan = calledInLoan();
    LocalDate paidOn = repayBy.minusDays(3);

    repayments.receive(new ReceiveRepayment(loan.loanId(), "CB-ACC-" + loan.loanId(), money("100292.34"), paidOn,
        "core-banking"));
    dailyClose.close(paidOn);

    LoanStanding standing = loans.standing(loan.loanId()).orElseThrow();
    assertThat(standing.status()).isEqualTo(LoanAccount.SETTLED);
    assertThat(loans.ledger(loan.loanId())).allSatisfy(line -> assertThat(line.status()).isEqualTo(InstalmentStatus.PAID));
  }

  @Test
  void aSecondCallInChangesNothing() {
    LoanAccount loan = calledInLoan();
    List<LedgerLine> once = loans.ledger(loan.loanId());

    assertThat(loans.accelerate(loan.loanId(), repayBy.plusDays(20))).as("the first call-in's date").isEqualTo(repayBy);

    assertThat(loans.ledger(loan.loanId())).isEqualTo(once);
    assertThat(loans.standing(loan.loanId()).orElseThrow().acceleratedOn()).isEqualTo(repayBy);
  }

  /** What the borrower sees of the schedule: each instalment's due date, principal, interest and what was paid. */
  private List<String> scheduleSeen(String loanId) {
    JsonNode schedule = api.get("/api/loans/" + loanId, "admin").json().path("schedule");
    List<String> seen = new java.util.ArrayList<>();
    schedule.forEach(line -> seen.add(line.path("number").asText() + " " + line.path("dueDate").asText() + " "
        + fen(line.path("principal")) + " " + fen(line.path("interest")) + " paid " + fen(line.path("principalPaid")) + "/"
        + fen(line.path("interestPaid"))));
    return seen;
  }

  /**
   * A payment of {@code amount} value-dated 10 days after disbursement, the loan called in (everything due on the
   * repay-by date), then the payment reversed (付款行退票).
   *
   * @return the payment's transaction id
   */
  private String paidThenCalledInThenBounced(LoanAccount loan, String transactionPrefix, String amount) {
    String payment = transactionPrefix + loan.loanId();
    repayments.receive(new ReceiveRepayment(loan.loanId(), payment, money(amount), disbursed.plusDays(10), "core-banking"));
    loans.accelerate(loan.loanId(), repayBy);

    repayments.reverse(new ReverseRepayment(loan.loanId(), payment, "付款行退票", "core-banking"));
    return payment;
  }

  private static String fen(JsonNode amount) {
    return amount.decimalValue().setScale(2).toPlainString();
  }

  @Test
  void aPrepaymentBeforeTheCallInThatBouncesAfterItLeavesTheAcceleratedScheduleAsIfItHadNeverBeenMade() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
    // 10 days in: the first instalment in full (8,530.99, its whole period's interest), 11,469.01 of principal ahead;
    // the later instalments are recomputed on 80,362.50
    String prepayment = paidThenCalledInThenBounced(loan, "CB-ACC-PRE-", "20000.00");

    // as a loan called in without it: everything due on the repay-by date, the first period's interest to that date
    // (362.50 × 25 / 31 = 292.34), none for the periods after it
    List<String> seen = scheduleSeen(loan.loanId());
    assertThat(seen).hasSize(12).allSatisfy(line -> assertThat(line).contains(" " + repayBy + " ").endsWith("paid 0.00/0.00"));
    assertThat(seen.get(0)).isEqualTo("1 " + repayBy + " 8168.49 292.34 paid 0.00/0.00");
    assertThat(seen.get(1)).isEqualTo("2 " + repayBy + " 8198.10 0.00 paid 0.00/0.00");
    assertThat(seen.get(11)).isEqualTo("12 " + repayBy + " 8500.20 0.00 paid 0.00/0.00");
    assertThat(seen).isEqualTo(scheduleSeen(calledInLoan().loanId()));
    JsonNode view = api.get("/api/loans/" + loan.loanId(), "admin").json();
    assertThat(fen(view.path("outstandingPrincipal"))).isEqualTo("100000.00");
    assertThat(fen(view.path("outstandingInterest"))).isEqualTo("292.34");
    assertThat(repayments.payoffAmount(loan.loanId(), repayBy)).isEqualTo(money("100292.34"));
    assertThat(jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single()).isEqualByComparingTo("100000.00");

    // reported again: nothing changes
    repayments.reverse(new ReverseRepayment(loan.loanId(), prepayment, "付款行退票", "core-banking"));
    assertThat(scheduleSeen(loan.loanId())).isEqualTo(seen);
  }

  @Test
  void anInstalmentPaidBeforeTheCallInThatBouncesAfterItFallsDueOnTheRepayByDateWithItsInterestToThatDate() {
    LoanAccount loan = TestLoans.with(intakeService, loans).disbursedOn(disbursed);
    // 10 days in: the first instalment (8,168.49 + 362.50), nothing ahead; the call-in leaves it paid on its own date
    paidThenCalledInThenBounced(loan, "CB-ACC-FIRST-", "8530.99");

    assertThat(scheduleSeen(loan.loanId()).get(0)).isEqualTo("1 " + repayBy + " 8168.49 292.34 paid 0.00/0.00");
    assertThat(scheduleSeen(loan.loanId())).isEqualTo(scheduleSeen(calledInLoan().loanId()));
    assertThat(repayments.payoffAmount(loan.loanId(), repayBy)).isEqualTo(money("100292.34"));
  }

  @Test
  void aPrepaymentAfterTheCallInThatBouncesLeavesTheAcceleratedScheduleAsItWas() {
    LoanAccount loan = calledInLoan();
    List<String> accelerated = scheduleSeen(loan.loanId());
    String prepayment = "CB-ACC-POST-" + loan.loanId();
    // 10 days in, before the repay-by date: the first instalment (8,168.49 + 292.34), then 11,539.17 of the
    // accelerated principal in order, the interest to the date falling in proportion
    repayments.receive(new ReceiveRepayment(loan.loanId(), prepayment, money("20000.00"), disbursed.plusDays(10),
        "core-banking"));
    assertThat(scheduleSeen(loan.loanId())).isNotEqualTo(accelerated);

    repayments.reverse(new ReverseRepayment(loan.loanId(), prepayment, "付款行退票", "core-banking"));

    assertThat(scheduleSeen(loan.loanId())).isEqualTo(accelerated);
    assertThat(repayments.payoffAmount(loan.loanId(), repayBy)).isEqualTo(money("100292.34"));
    assertThat(jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single()).isEqualByComparingTo("100000.00");
  }
}
