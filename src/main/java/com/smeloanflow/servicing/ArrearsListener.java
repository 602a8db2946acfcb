package com.smeloanflow.servicing;

import java.time.LocalDate;
import java.util.List;

/**
 * What the ledger tells those who act on it (collections, a later stage, without servicing depending
 * on it; servicing's own borrower notices): the daily close's overdue and settled loans, a
 * repayment that cleared a loan's arrears, a reversed one, and a recovery of a written-off loan (and its reversal). Called inside the ledger's transaction, so what the
 * listener does is kept or rolled back with the ledger change.
 */
public interface ArrearsListener {

  /**
   * The daily close of {@code businessDate} found these loans overdue (one chunk of them; a crashed
   * close never hands the same chunk twice for the same day).
   */
  default void overdue(LocalDate businessDate, List<OverdueLoan> loans) {}

  /** A repayment cleared everything overdue on the loan. */
  default void arrearsCleared(String loanId, String transactionId, LocalDate valueDate) {}

  /**
   * Core banking reversed a repayment of the loan (a bounced payment): what it paid is owed again. Once per repayment
   * (a reversal reported again calls nobody). Collections opens no case here: a loan the reversal made overdue again
   * is handed over by the next daily close, as any overdue loan ({@link #overdue}) — by the close running, when its
   * hand-over has not reached the loan yet; a cure the repayment brought to a case whose process has not started is
   * withdrawn (the case stays open).
   *
   * @param reopened the loan was settled and is active again
   */
  default void repaymentReversed(String loanId, String transactionId, boolean reopened) {}

  /**
   * Money was received for the written-off loan (核销后收回) and booked as a recovery of its claim; the loan stays written
   * off. Once per recovery, in its transaction.
   *
   * @param claimRepaid nothing of the claim is left
   */
  default void recovered(String loanId, String transactionId, boolean claimRepaid) {}

  /** Core banking reversed a recovery of the written-off loan: what it paid of the claim is owed again. Once per reversal. */
  default void recoveryReversed(String loanId, String transactionId) {}

  /**
   * The daily close of {@code businessDate} settled these loans (结清: nothing left to pay), one chunk
   * of them; a crashed close never hands the same chunk twice for the same day.
   */
  default void settled(LocalDate businessDate, List<String> loanIds) {}

  /**
   * A loan at the daily close.
   *
   * @param loanId      the loan (business key of its collection case)
   * @param branchCode  the loan's branch
   * @param daysPastDue days past due after the close
   */
  record OverdueLoan(String loanId, String branchCode, int daysPastDue) {}
}
