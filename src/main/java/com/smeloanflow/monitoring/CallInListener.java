package com.smeloanflow.monitoring;

/**
 * What a later stage (renewal: a renewal under way ends) hears when a post-loan check calls a loan in (提前收回贷款并移交催收),
 * without monitoring depending on it. Called inside the check's transaction before any row of the loan is locked (the
 * loan's ledger row, then its monitoring row, {@link MonitoredLoanRepository#lock}): a listener that locks its own rows
 * of the loan takes them first, the order in which renewal's maturity posting takes them. What it does is kept or rolled
 * back with the call-in (undone when the check turns out to be no longer open, or the loan to have been renewed: a loan its
 * renewal repaid is not called in, {@link PostLoanCheckService#complete}). Called again for a loan called in before
 * (a second call-in): it then finds nothing left to do.
 */
public interface CallInListener {

  /**
   * A post-loan check calls the loan in: everything it owes falls due on the repay-by date the call-in records.
   *
   * @param loanId  the loan
   * @param checkId the check that calls it in
   */
  void callingIn(String loanId, String checkId);
}
