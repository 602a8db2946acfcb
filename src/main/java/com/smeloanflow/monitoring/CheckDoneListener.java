package com.smeloanflow.monitoring;

/**
 * What a later stage (accountability's due-diligence review) hears when a post-loan check is concluded, without
 * monitoring depending on it: the checker is now one of the loan's post-loan checkers. Called inside the
 * transaction of the check, after the classification table decided again, so what the listener does is kept or
 * rolled back with it.
 */
public interface CheckDoneListener {

  /**
   * A post-loan check of the loan was concluded (the first check included).
   *
   * @param loanId    the loan
   * @param checkId   the check
   * @param checkedBy who concluded it
   */
  void checkDone(String loanId, String checkId, String checkedBy);
}
