package com.smeloanflow.collections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A promise to pay ({@code collection_promise}).
 *
 * @param id             its id
 * @param promisedAmount CNY the borrower promised
 * @param promisedDate   by when
 * @param graceDays      days after the date before it counts as broken
 * @param madeOn         business date it was made
 * @param madeAt         when it was recorded: repayments received after it count towards it
 * @param status         OPEN, KEPT, BROKEN, SUPERSEDED (closed running when the case went to disposal), or CLEARED or
 *                       WRITTENOFF (closed running when the case closed cured or settled, or written off)
 * @param receivedAmount repayments received towards it when it was resolved, else null
 * @param resolvedOn     business date it was kept, broken or closed, else null
 * @param actedOn        the strategy table has acted on its outcome
 */
public record Promise(long id, BigDecimal promisedAmount, LocalDate promisedDate, int graceDays, LocalDate madeOn,
    Instant madeAt, PromiseStatus status, BigDecimal receivedAmount, LocalDate resolvedOn, boolean actedOn) {

  /** The last business date a repayment may arrive and still keep it. */
  public LocalDate keptBy() {
    return promisedDate.plusDays(graceDays);
  }
}
