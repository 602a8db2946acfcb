package com.smeloanflow.accountability;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.OpenLoanAccount;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loans a customer manager answers for, opened straight on the ledger: an application of a fresh
 * enterprise at ZY001 (or another branch), a field investigation by the manager (what makes the manager responsible), and
 * its account: CREDIT_QUICK at 4.35 % for 12 months, equal instalments.
 */
public final class ManagedLoans {

  private static final AtomicLong POSTINGS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final IntakeService intake;
  private final ApplicationChecks checks;
  private final LoanAccountService loans;

  public ManagedLoans(IntakeService intake, ApplicationChecks checks, LoanAccountService loans) {
    this.intake = intake;
    this.checks = checks;
    this.loans = loans;
  }

  /** A loan of {@code principal} CNY investigated on site by {@code manager}, disbursed on {@code disbursedOn}. */
  public LoanAccount investigatedBy(String manager, String principal, LocalDate disbursedOn) {
    return investigatedBy(manager, principal, disbursedOn, "ZY001");
  }

  /** The same at the branch {@code branchCode}. */
  public LoanAccount investigatedBy(String manager, String principal, LocalDate disbursedOn, String branchCode) {
    return opened(manager, principal, disbursedOn, branchCode);
  }

  /**
   * A loan no customer manager answers for (neither a whitelist prospect nor a field investigation), disbursed on
   * {@code disbursedOn} at ZY001.
   */
  public LoanAccount answeredForByNobody(String principal, LocalDate disbursedOn) {
    return opened(null, principal, disbursedOn, "ZY001");
  }

  private LoanAccount opened(String investigatedBy, String principal, LocalDate disbursedOn, String branchCode) {
    LoanApplication application = intake.register(TestApplications.forProduct("CREDIT_QUICK").requestedAmount(principal)
        .branchCode(branchCode).creditCode(CreditCodes.fresh()).build(), "accountability-test");
    if (investigatedBy != null) {
      checks.record(application.id(), CheckType.FIELD_INVESTIGATION, 1, "CONFIRMED", investigatedBy, null, "经营场所真实, 生产正常");
    }
    return loans.open(new OpenLoanAccount(application.id(), application.creditCode(), application.enterpriseName(),
        new BigDecimal(principal), new BigDecimal("4.35"), 12, RepaymentMethod.EQUAL_INSTALMENT, disbursedOn,
        "CB-ACC-" + POSTINGS.incrementAndGet()));
  }
}
