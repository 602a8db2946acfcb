package com.smeloanflow.accountability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The arithmetic of a customer manager's performance (专项考核), apart from where the numbers come from:
 * the manager's income from a loan, and the non-performing ratio against the tolerance (不良容忍度).
 * Amounts in CNY with 2 decimals.
 */
public final class PerformanceFigures {

  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

  private PerformanceFigures() {}

  /** The manager's income from interest: the share of it, rounded half up to the fen. */
  public static BigDecimal income(BigDecimal interest, BigDecimal share) {
    return interest.multiply(share).setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * One loan as the tolerance sees it.
   *
   * @param loanId        the loan
   * @param balance       outstanding principal (0 once settled or written off)
   * @param nonPerforming classified 次级, 可疑 or 损失
   * @param exempt        a due-diligence review found the manager not liable for it (尽职免责)
   */
  public record LoanBalance(String loanId, BigDecimal balance, boolean nonPerforming, boolean exempt) {

    boolean countsAgainstTolerance() {
      return nonPerforming && !exempt && balance.signum() > 0;
    }
  }

  /**
   * The manager's non-performing standing.
   *
   * @param balance           outstanding principal of all the manager's loans
   * @param nplBalance        of it, non-performing and counted (not exempt)
   * @param exemptNplBalance  non-performing but exempt after a due-diligence review
   * @param nplRatio          nplBalance ÷ balance, 4 decimals (0.0101 = 1.01 %); 0 without balance
   * @param tolerance         the tolerance it is held against
   * @param withinTolerance   nplBalance ≤ tolerance × balance, exactly (no rounding): exempt from penalty
   * @param overTolerance     above it, the loans that pushed it over: the fewest counted non-performing
   *                          loans, largest balance first, whose removal from nplBalance brings the ratio back
   *                          within the tolerance; empty within it
   */
  public record NplStanding(BigDecimal balance, BigDecimal nplBalance, BigDecimal exemptNplBalance, BigDecimal nplRatio,
      BigDecimal tolerance, boolean withinTolerance, List<LoanBalance> overTolerance) {}

  /** The non-performing standing of these loans against {@code tolerance} (a fraction, 0.01 = 1 %). */
  public static NplStanding npl(List<LoanBalance> loans, BigDecimal tolerance) {
    BigDecimal balance = ZERO;
    BigDecimal npl = ZERO;
    BigDecimal exempt = ZERO;
    for (LoanBalance loan : loans) {
      balance = balance.add(loan.balance());
      if (loan.countsAgainstTolerance()) {
        npl = npl.add(loan.balance());
      } else if (loan.nonPerforming() && loan.exempt()) {
        exempt = exempt.add(loan.balance());
      }
    }
    BigDecimal allowed = balance.multiply(tolerance);
    List<LoanBalance> over = new ArrayList<>();
    if (npl.compareTo(allowed) > 0) {
      List<LoanBalance> largestFirst = loans.stream().filter(LoanBalance::countsAgainstTolerance)
          .sorted(Comparator.comparing(LoanBalance::balance).reversed().thenComparing(LoanBalance::loanId)).toList();
      BigDecimal remaining = npl;
      for (LoanBalance loan : largestFirst) {
        if (remaining.compareTo(allowed) <= 0) {
          break;
        }
        over.add(loan);
        remaining = remaining.subtract(loan.balance());
      }
    }
    BigDecimal ratio = balance.signum() == 0 ? BigDecimal.ZERO.setScale(4) : npl.divide(balance, 4, RoundingMode.HALF_UP);
    return new NplStanding(balance, npl, exempt, ratio, tolerance, over.isEmpty(), List.copyOf(over));
  }
}
