package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loan accounts for servicing and collections tests, opened straight on the ledger (no origination
 * process): an application of a fresh enterprise (unique credit code, name and e-mail) registered
 * at ZY001, and its account disbursed on a chosen date. Default: CREDIT_QUICK, 100,000.00 CNY at
 * 4.35 % for 12 months, equal instalments (8,530.99 a month; the first due a month after disbursement).
 */
public final class TestLoans {

  private static final AtomicLong POSTINGS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final IntakeService intake;
  private final LoanAccountService loans;
  private TestApplications.Builder application = TestApplications.forProduct("CREDIT_QUICK").requestedAmount("100000.00");
  private BigDecimal principal = new BigDecimal("100000.00");
  private int termMonths = 12;
  private RepaymentMethod method = RepaymentMethod.EQUAL_INSTALMENT;
  private String creditCode;

  private TestLoans(IntakeService intake, LoanAccountService loans) {
    this.intake = intake;
    this.loans = loans;
  }

  public static TestLoans with(IntakeService intake, LoanAccountService loans) {
    return new TestLoans(intake, loans);
  }

  public TestLoans application(TestApplications.Builder value) {
    application = value;
    return this;
  }

  public TestLoans product(String product) {
    application = TestApplications.forProduct(product).requestedAmount(principal.toPlainString());
    return this;
  }

  public TestLoans branch(String branchCode) {
    application.branchCode(branchCode);
    return this;
  }

  public TestLoans principal(String value) {
    principal = new BigDecimal(value);
    application.requestedAmount(value);
    return this;
  }

  public TestLoans term(int months, RepaymentMethod repaymentMethod) {
    termMonths = months;
    method = repaymentMethod;
    return this;
  }

  /** Registers the application (a fresh credit code unless one was set) and opens its loan, disbursed on {@code disbursedOn}. */
  public LoanAccount disbursedOn(LocalDate disbursedOn) {
    return loans.open(opening(disbursedOn));
  }

  /**
   * Registers the application of a credit line (a REVOLVING_LINE {@link #application}) and opens one drawdown on it, disbursed
   * on {@code disbursedOn}: a loan of the line's application and product, as the line's drawdown opens it.
   */
  public LoanAccount drawdownDisbursedOn(LocalDate disbursedOn) {
    OpenLoanAccount opening = opening(disbursedOn);
    return loans.openDrawdown("DD" + POSTINGS.incrementAndGet(), opening);
  }

  private OpenLoanAccount opening(LocalDate disbursedOn) {
    application.creditCode(creditCode != null ? creditCode : CreditCodes.fresh());
    LoanApplication registered = intake.register(application.build(), "servicing-test");
    return new OpenLoanAccount(registered.id(), registered.creditCode(), registered.enterpriseName(), principal,
        new BigDecimal("4.35"), termMonths, method, disbursedOn, "CB" + POSTINGS.incrementAndGet());
  }

  /** The borrower's unified social credit code (default: a fresh one no other test uses). */
  public TestLoans creditCode(String value) {
    creditCode = value;
    return this;
  }
}
