package com.smeloanflow.accountability;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer manager's performance (专项考核): loans and balances managed, income from interest, and the
 * non-performing ratio against the tolerance (不良容忍度). Amounts in CNY with 2 decimals.
 *
 * @param customerManager   the manager's user id
 * @param name              the manager's name
 * @param branchCodes       the branches the manager works for
 * @param loans             loans the manager answers for (all, settled and written off too)
 * @param activeLoans       of them, still being repaid
 * @param balance           outstanding principal of them
 * @param expectedIncome    the manager's share of all their scheduled interest
 * @param incomeEarned      the manager's share of the interest earned so far (recovered after a write-off too)
 * @param interestShare     the share (e.g. 0.05)
 * @param nplBalance        non-performing balance that counts (exempt loans do not)
 * @param exemptNplBalance  non-performing balance exempt after a due-diligence review (尽职免责)
 * @param nplRatio          nplBalance ÷ balance, 4 decimals (0.0101 = 1.01 %)
 * @param nplTolerance      the tolerance (0.01 = 1 %)
 * @param withinTolerance   within it: exempt from penalty
 * @param standing          the same in Chinese
 * @param overTolerance     above it: the loans that pushed it over, largest first
 * @param loanDetails       every loan, oldest first
 */
public record ManagerPerformance(
    String customerManager,
    String name,
    List<String> branchCodes,
    int loans,
    int activeLoans,
    BigDecimal balance,
    BigDecimal expectedIncome,
    BigDecimal incomeEarned,
    BigDecimal interestShare,
    BigDecimal nplBalance,
    BigDecimal exemptNplBalance,
    BigDecimal nplRatio,
    BigDecimal nplTolerance,
    boolean withinTolerance,
    String standing,
    List<OverTolerance> overTolerance,
    List<LoanPerformance> loanDetails) {

  /** A loan that pushed the manager over the tolerance. */
  public record OverTolerance(String loanId, String borrowerName, BigDecimal outstandingPrincipal, String classificationLabel) {}

  /** A branch's managers, for its leads. */
  public record BranchPerformance(String branchCode, BigDecimal nplTolerance, List<ManagerPerformance> managers) {}
}
