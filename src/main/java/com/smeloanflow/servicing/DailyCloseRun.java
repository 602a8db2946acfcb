package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The daily close of one business date ({@code daily_close_run}): where it stands and what it did.
 *
 * @param businessDate   the business date closed
 * @param status         {@link #RUNNING} (also after a crash, until resumed) or {@link #COMPLETED}
 * @param step           {@link #STEP_LEDGER}, then {@link #STEP_COLLECTIONS}, then {@link #STEP_DONE}
 * @param cursorLoanId   the last loan of the step's last committed chunk; null at the step's start
 * @param chunks         chunks committed
 * @param loansClosed    active loans the ledger step covered
 * @param overdueLoans   of them, overdue after the close
 * @param penaltyAccrued penalty interest accrued for the day, CNY
 * @param penaltyChargedByReversals penalty interest reversals of bounced repayments charged on this business date, CNY
 *     (for days earlier closes took the repayment as paid; {@code reversal_penalty_charge}, read with the run, so one
 *     made after the close of its date completed is counted too): with {@code penaltyAccrued}, what the ledger charged
 * @param classifications classification changes recorded
 * @param loansSettled   loans repaid in full and settled
 * @param collectionLoans overdue loans handed to collections
 * @param attempts       how often the close of this date was started (more than 1 after a crash)
 * @param node           the node that last worked on it
 * @param startedAt      first start
 * @param finishedAt     completion, else null
 */
public record DailyCloseRun(
    LocalDate businessDate,
    String status,
    String step,
    String cursorLoanId,
    int chunks,
    int loansClosed,
    int overdueLoans,
    BigDecimal penaltyAccrued,
    BigDecimal penaltyChargedByReversals,
    int classifications,
    int loansSettled,
    int collectionLoans,
    int attempts,
    String node,
    Instant startedAt,
    Instant finishedAt) {

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String STEP_LEDGER = "LEDGER";
  public static final String STEP_COLLECTIONS = "COLLECTIONS";
  public static final String STEP_DONE = "DONE";

  public boolean completed() {
    return COMPLETED.equals(status);
  }
}
