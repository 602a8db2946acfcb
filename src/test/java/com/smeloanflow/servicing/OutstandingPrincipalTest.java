package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The principal a loan still owes, kept on its account ({@code loan_account.outstanding_principal}, which the manager
 * dashboard's book sums), is the schedule's principal less what was paid of it at every step: the loan opened, a
 * repayment, a prepayment that reschedules, reversals, the payoff. The loan is disbursed ten days ago: its first
 * instalment (8,530.99 CNY: 362.50 interest) is the current one.
 */
class OutstandingPrincipalTest extends AbstractIntegrationTest {

  private static final String CORE_BANKING = "core-banking";

  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;

  private LoanAccount loan;

  @BeforeEach
  void openLoan() {
    loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
  }

  private BigDecimal kept() {
    return jdbc.sql("SELECT outstanding_principal FROM loan_account WHERE loan_id = :id").param("id", loan.loanId())
        .query(BigDecimal.class).single();
  }

  /** What the account keeps, checked against the principal its instalments still owe; the kept figure. */
  private BigDecimal keptMatchingTheLedger() {
    BigDecimal kept = kept();
    assertThat(kept).as("kept on the account = the instalments' principal less what was paid")
        .isEqualByComparingTo(loans.balances(loan.loanId()).outstandingPrincipal());
    return kept;
  }

  private String repay(String amount) {
    String transaction = "TX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Response answer = api.post("/api/loans/" + loan.loanId() + "/repayments", CORE_BANKING,
        "{\"transactionId\": \"" + transaction + "\", \"amount\": " + amount + ", \"valueDate\": \"" + clock.today() + "\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return transaction;
  }

  private void reverse(String transaction) {
    Response answer = api.post("/api/loans/" + loan.loanId() + "/repayments/" + transaction + "/reversal", CORE_BANKING,
        "{\"reason\": \"退票: 付款账户余额不足\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  @Test
  void aRepaymentAPrepaymentAndTheirReversalsMoveThePrincipalKeptOnTheAccount() {
    assertThat(keptMatchingTheLedger()).as("opened: the whole principal").isEqualByComparingTo("100000.00");

    String repayment = repay("5000.00");
    assertThat(keptMatchingTheLedger()).as("5,000.00 less the current interest 362.50").isEqualByComparingTo("95362.50");

    String prepayment = repay("18530.99");
    BigDecimal afterPrepayment = keptMatchingTheLedger();
    assertThat(afterPrepayment).as("the rest of the first instalment and a prepayment of principal")
        .isLessThan(new BigDecimal("95362.50"));

    reverse(prepayment);
    assertThat(keptMatchingTheLedger()).as("the prepayment reversed").isEqualByComparingTo("95362.50");
    reverse(repayment);
    assertThat(keptMatchingTheLedger()).as("both reversed: the whole principal again").isEqualByComparingTo("100000.00");
  }

  @Test
  void aPayoffLeavesNothingOwedOnTheAccount() {
    repay("100362.50");

    assertThat(keptMatchingTheLedger()).isEqualByComparingTo("0");
  }

  @Test
  void everyLoanOnTheBooksKeepsWhatItsInstalmentsStillOwe() {
    repay("5000.00");

    assertThat(jdbc.sql("""
        SELECT a.loan_id FROM loan_account a
        WHERE a.outstanding_principal <> COALESCE(
          (SELECT SUM(i.principal - i.principal_paid) FROM repayment_instalment i WHERE i.loan_id = a.loan_id), 0)""")
        .query(String.class).list())
        .as("loans of every test so far in this database, whose kept principal differs from their instalments'").isEmpty();
  }
}
