package com.smeloanflow.servicing;

import java.time.LocalDate;
import java.util.List;

/**
 * What a later stage (post-loan monitoring, accountability) hears of a loan's life on the ledger, without
 * servicing depending on it: the opening of its account, its renewal by a new loan, the daily close's changes of the
 * days-past-due floor and the loans it settled, a settled loan a reversal reopened, and a write-off. Called inside the
 * ledger's transaction (the opening, the renewal, the daily close's chunk, the write-off), so what the listener does is
 * kept or rolled back with it.
 */
public interface LoanLifecycleListener {

  /**
   * The loan's account was just opened for a disbursement or a drawdown on a credit line (once per loan, in that
   * transaction); the new loan of a renewal ({@link LoanAccountService#renew}) is told to {@link #renewed} instead.
   */
  default void opened(LoanAccount account) {}

  /**
   * A renewal without repaying principal (无还本续贷) opened {@code renewed}, a new loan id on the same application, to
   * repay the principal {@code old} owed at maturity. Once per renewal, in the renewal's transaction, after the new
   * loan's account was written (the old loan's row is locked by it); a repeated renewal that answers with the loan
   * opened the first time does not tell it again.
   */
  default void renewed(LoanAccount old, LoanAccount renewed) {}

  /**
   * The daily close of {@code businessDate} moved these loans' regulatory floor (one chunk of them); or a reversed
   * repayment moved one loan's, restated as of {@code businessDate}, the last business date a close covered it (in the
   * reversal's transaction).
   */
  default void floorChanged(LocalDate businessDate, List<FloorChange> changes) {}

  /** The daily close of {@code businessDate} settled these loans (结清; one chunk of them). */
  default void settled(LocalDate businessDate, List<String> loanIds) {}

  /**
   * A reversed repayment (a bounced payment) made the settled loan owed again on {@code businessDate}: it is back on the
   * books. Once per reversal, in the reversal's transaction.
   */
  default void reopened(String loanId, LocalDate businessDate) {}

  /** The loan was written off (核销) on {@code businessDate}. */
  default void writtenOff(String loanId, LocalDate businessDate) {}

  /**
   * A loan whose days-past-due floor the daily close changed.
   *
   * @param loanId        the loan
   * @param floor         the regulatory minimum now
   * @param previousFloor the one before
   * @param daysPastDue   days past due after the close
   */
  record FloorChange(String loanId, Classification floor, Classification previousFloor, int daysPastDue) {}
}
