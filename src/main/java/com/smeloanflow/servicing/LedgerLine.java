package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One instalment as the ledger holds it: what the schedule asks for, what has been paid of it and
 * the penalty interest charged on it. Amounts in CNY with 2 decimals.
 *
 * @param number             1 for the first instalment
 * @param dueDate            the day it falls due
 * @param principal          principal the schedule asks for (a prepayment lowers it for later instalments)
 * @param interest           interest the schedule asks for
 * @param remainingPrincipal principal owed after this instalment, as scheduled
 * @param principalPaid      principal paid so far
 * @param interestPaid       interest paid so far
 * @param penaltyAccrued     penalty interest (罚息) charged so far on its overdue principal: what the daily closes accrued
 *     (and a reversal for the days closes took it as paid, as a catching-up close would), less what a repayment
 *     value-dated before some of those closes reversed of it ({@link BackValuation})
 * @param penaltyPaid        penalty interest paid so far
 * @param status             due, overdue or paid
 * @param paidOn             value date of the repayment that paid it in full, else null
 */
public record LedgerLine(
    int number,
    LocalDate dueDate,
    BigDecimal principal,
    BigDecimal interest,
    BigDecimal remainingPrincipal,
    BigDecimal principalPaid,
    BigDecimal interestPaid,
    BigDecimal penaltyAccrued,
    BigDecimal penaltyPaid,
    InstalmentStatus status,
    LocalDate paidOn) {

  static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  /** A scheduled instalment nothing has been paid of. */
  public static LedgerLine scheduled(Instalment instalment) {
    return new LedgerLine(instalment.number(), instalment.dueDate(), instalment.principal(), instalment.interest(),
        instalment.remainingPrincipal(), ZERO, ZERO, ZERO, ZERO,
        instalment.total().signum() == 0 ? InstalmentStatus.PAID : InstalmentStatus.DUE, null);
  }

  public BigDecimal total() {
    return principal.add(interest);
  }

  public BigDecimal principalDue() {
    return principal.subtract(principalPaid);
  }

  public BigDecimal interestDue() {
    return interest.subtract(interestPaid);
  }

  public BigDecimal penaltyDue() {
    return penaltyAccrued.subtract(penaltyPaid);
  }

  /** Everything still unpaid: principal, interest and penalty interest. */
  public BigDecimal outstanding() {
    return principalDue().add(interestDue()).add(penaltyDue());
  }

  public boolean settled() {
    return outstanding().signum() == 0;
  }

  /** Overdue on {@code valueDate}: marked overdue by a daily close, or due before that day, and not paid. */
  public boolean overdueOn(LocalDate valueDate) {
    return !settled() && (status == InstalmentStatus.OVERDUE || dueDate.isBefore(valueDate));
  }

  /**
   * The maturity instalment the daily close already counted overdue, if it did: the first line due on
   * {@code maturityDate} with principal still unpaid and status {@link InstalmentStatus#OVERDUE}. A loan whose
   * maturity principal is overdue is not renewed without repaying principal (无还本续贷 is for a loan not
   * overdue at maturity; lending new money to repay an overdue one is 借新还旧 of an overdue loan). The one rule
   * renewal's amount review and posting and servicing's {@link LoanAccountService#renew} all ask.
   */
  public static Optional<LedgerLine> overdueMaturityInstalment(List<LedgerLine> ledger, LocalDate maturityDate) {
    return ledger.stream().filter(line -> line.dueDate().equals(maturityDate) && line.principalDue().signum() > 0
        && line.status() == InstalmentStatus.OVERDUE).findFirst();
  }

  /**
   * What of the principal still owed falls due on {@code maturityDate}: what the borrower would repay at maturity, and
   * what a renewal at that maturity repays. The one sum renewal's facts and posting and servicing's ledger all ask.
   */
  public static BigDecimal principalDueAtMaturity(List<LedgerLine> ledger, LocalDate maturityDate) {
    return ledger.stream().filter(line -> line.dueDate().equals(maturityDate)).map(LedgerLine::principalDue)
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  /** The part of {@code component} still unpaid. */
  public BigDecimal due(AllocationComponent component) {
    return switch (component) {
      case OVERDUE_PENALTY -> penaltyDue();
      case OVERDUE_INTEREST, CURRENT_INTEREST -> interestDue();
      case OVERDUE_PRINCIPAL, CURRENT_PRINCIPAL -> principalDue();
      case PREPAID_PRINCIPAL -> throw new IllegalArgumentException("A prepayment belongs to no instalment");
    };
  }

  /** This line with {@code amount} more (or, negative, less) paid of {@code component}. */
  public LedgerLine paying(AllocationComponent component, BigDecimal amount) {
    return switch (component) {
      case OVERDUE_PENALTY -> new LedgerLine(number, dueDate, principal, interest, remainingPrincipal, principalPaid,
          interestPaid, penaltyAccrued, penaltyPaid.add(amount), status, paidOn);
      case OVERDUE_INTEREST, CURRENT_INTEREST -> new LedgerLine(number, dueDate, principal, interest, remainingPrincipal,
          principalPaid, interestPaid.add(amount), penaltyAccrued, penaltyPaid, status, paidOn);
      case OVERDUE_PRINCIPAL, CURRENT_PRINCIPAL -> new LedgerLine(number, dueDate, principal, interest,
          remainingPrincipal, principalPaid.add(amount), interestPaid, penaltyAccrued, penaltyPaid, status, paidOn);
      case PREPAID_PRINCIPAL -> throw new IllegalArgumentException("A prepayment belongs to no instalment");
    };
  }

  /** This line with its status (and the day it was paid in full) set. */
  public LedgerLine withStatus(InstalmentStatus newStatus, LocalDate newPaidOn) {
    return new LedgerLine(number, dueDate, principal, interest, remainingPrincipal, principalPaid, interestPaid,
        penaltyAccrued, penaltyPaid, newStatus, newPaidOn);
  }

  /** This line with {@code charged} as the penalty interest charged on it. */
  public LedgerLine withPenaltyAccrued(BigDecimal charged) {
    return new LedgerLine(number, dueDate, principal, interest, remainingPrincipal, principalPaid, interestPaid, charged,
        penaltyPaid, status, paidOn);
  }

  /** This line with the schedule's amounts replaced (a prepayment recomputed them, or a reversal restores them). */
  public LedgerLine rescheduled(Instalment schedule) {
    return new LedgerLine(number, dueDate, schedule.principal(), schedule.interest(), schedule.remainingPrincipal(),
        principalPaid, interestPaid, penaltyAccrued, penaltyPaid, status, paidOn);
  }

  /** The scheduled amounts of this line, as an {@link Instalment}. */
  public Instalment asInstalment() {
    return new Instalment(number, dueDate, principal, interest, total(), remainingPrincipal);
  }
}
