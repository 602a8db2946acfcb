package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a loan's borrower owes, from its ledger. Amounts in CNY with 2 decimals.
 *
 * @param outstandingPrincipal principal not yet repaid
 * @param outstandingInterest  scheduled interest not yet paid (overdue and to come)
 * @param overduePrincipal     principal of overdue instalments not yet paid
 * @param overdueInterest      interest of overdue instalments not yet paid
 * @param penaltyAccrued       penalty interest charged so far
 * @param penaltyOutstanding   penalty interest not yet paid
 * @param arrears              everything overdue: overdue principal, interest and penalty interest
 */
public record LoanBalances(
    BigDecimal outstandingPrincipal,
    BigDecimal outstandingInterest,
    BigDecimal overduePrincipal,
    BigDecimal overdueInterest,
    BigDecimal penaltyAccrued,
    BigDecimal penaltyOutstanding,
    BigDecimal arrears) {

  /** The balances of these instalments; an instalment marked overdue by the daily close counts as overdue. */
  public static LoanBalances of(List<LedgerLine> lines) {
    BigDecimal zero = LedgerLine.ZERO;
    BigDecimal principal = zero;
    BigDecimal interest = zero;
    BigDecimal overduePrincipal = zero;
    BigDecimal overdueInterest = zero;
    BigDecimal penaltyAccrued = zero;
    BigDecimal penalty = zero;
    for (LedgerLine line : lines) {
      principal = principal.add(line.principalDue());
      interest = interest.add(line.interestDue());
      penaltyAccrued = penaltyAccrued.add(line.penaltyAccrued());
      penalty = penalty.add(line.penaltyDue());
      if (line.status() == InstalmentStatus.OVERDUE) {
        overduePrincipal = overduePrincipal.add(line.principalDue());
        overdueInterest = overdueInterest.add(line.interestDue());
      }
    }
    return new LoanBalances(principal, interest, overduePrincipal, overdueInterest, penaltyAccrued, penalty,
        overduePrincipal.add(overdueInterest).add(penalty));
  }
}
