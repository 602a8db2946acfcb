package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Penalty interest (罚息) on overdue principal: the contract rate raised by an uplift
 * ({@code smeloan.servicing.penalty-uplift-percent}, default 50 %, Chinese practice 30–50 %),
 * accrued by the daily close for each day the principal is overdue, on a 360-day year, rounded
 * half-up to the fen each day. Overdue interest bears no compound interest here (复利 is not
 * charged).
 */
@Component
public class PenaltyInterest {

  public static final int DAYS_PER_YEAR = 360;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final BigDecimal upliftPercent;

  public PenaltyInterest(@Value("${smeloan.servicing.penalty-uplift-percent:50}") BigDecimal upliftPercent) {
    if (upliftPercent.signum() < 0 || upliftPercent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("smeloan.servicing.penalty-uplift-percent must be from 0 to 100, was " + upliftPercent);
    }
    this.upliftPercent = upliftPercent;
  }

  public BigDecimal upliftPercent() {
    return upliftPercent;
  }

  /**
   * What one day of penalty interest is per CNY of overdue principal and per percent of the annual
   * contract rate: (1 + uplift) / 100 / 360. The daily close multiplies it with the principal and the
   * rate in SQL, so both use this one figure.
   */
  public BigDecimal dailyFactor() {
    return HUNDRED.add(upliftPercent).divide(HUNDRED, MathContext.DECIMAL64)
        .divide(HUNDRED.multiply(BigDecimal.valueOf(DAYS_PER_YEAR)), MathContext.DECIMAL64);
  }

  /** One day of penalty interest on {@code overduePrincipal} of a loan at {@code annualRatePercent}, to the fen. */
  public BigDecimal forOneDay(BigDecimal overduePrincipal, BigDecimal annualRatePercent) {
    return overduePrincipal.multiply(annualRatePercent).multiply(dailyFactor()).setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * What a borrower's mail says of penalty interest on what the loan has overdue, one sentence ending in 。, only what
   * the daily close charges: overdue principal → the penalty rule with this uplift; only interest overdue → that it
   * bears no penalty and no compound interest (the close charges nothing on it); nothing overdue → nothing (empty).
   * The overdue reminder and the reversal mails both say it so.
   */
  public String borrowerNote(boolean principalOverdue, boolean interestOverdue) {
    if (principalOverdue) {
      return "逾期本金按合同利率上浮 " + upliftPercent.stripTrailingZeros().toPlainString() + "% 按日计收罚息。";
    }
    return interestOverdue ? "逾期利息不计收罚息，也不计复利。" : "";
  }

  /**
   * The days of penalty interest an overdue instalment owes for business dates through {@code closedThrough} that no
   * daily close charged it: from its due date, or from the day after {@code chargedThrough} (the last one charged, null
   * when none was), through {@code closedThrough}; 0 when its principal is paid, it is not overdue, or it fell due after
   * that date. The days the daily close counts ({@link LedgerCloseStatements}), for a ledger change that makes an
   * instalment overdue again after closes took it as paid.
   */
  static int daysNotCharged(LedgerLine line, LocalDate chargedThrough, LocalDate closedThrough) {
    if (line.status() != InstalmentStatus.OVERDUE || line.principalDue().signum() <= 0
        || line.dueDate().isAfter(closedThrough)) {
      return 0;
    }
    LocalDate from = chargedThrough == null || chargedThrough.isBefore(line.dueDate()) ? line.dueDate()
        : chargedThrough.plusDays(1);
    return from.isAfter(closedThrough) ? 0 : (int) ChronoUnit.DAYS.between(from, closedThrough) + 1;
  }

  /** The penalty rate a year in percent, e.g. 6.525 for a 4.35 % loan with a 50 % uplift. */
  public BigDecimal annualPenaltyRatePercent(BigDecimal annualRatePercent) {
    return annualRatePercent.multiply(HUNDRED.add(upliftPercent)).divide(HUNDRED, MathContext.DECIMAL64).stripTrailingZeros();
  }
}
