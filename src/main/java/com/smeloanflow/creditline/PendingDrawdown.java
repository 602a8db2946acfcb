package com.smeloanflow.creditline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A drawdown request between the line's check and core banking's answer (V111). While {@link Status#PENDING}
 * its amount is reserved on the line; the drawdown itself ({@link Drawdown}) exists once core banking has booked.
 *
 * @param lineId             the line drawn on
 * @param requestId          the channel's id of the request
 * @param drawdownId         the id the drawdown gets once booked
 * @param amount             CNY, 2 decimals
 * @param termMonths         the drawdown loan's term
 * @param coreIdempotencyKey what core banking posts once for
 * @param requestedBy        the system user who asked
 * @param requestedOn        business day of the (last) attempt; the drawdown runs from the day core banking posted it
 * @param status             PENDING, DRAWN or CANCELLED
 * @param attemptedAt        when core banking was last asked to post
 * @param outcome            why it was cancelled, if it was
 */
public record PendingDrawdown(
    String lineId,
    String requestId,
    String drawdownId,
    BigDecimal amount,
    int termMonths,
    String coreIdempotencyKey,
    String requestedBy,
    LocalDate requestedOn,
    Status status,
    Instant attemptedAt,
    String outcome) {

  /** The request sent again (or once more after it was cancelled): PENDING from {@code at}, on business day {@code on}. */
  PendingDrawdown retried(LocalDate on, Instant at) {
    return new PendingDrawdown(lineId, requestId, drawdownId, amount, termMonths, coreIdempotencyKey, requestedBy, on,
        Status.PENDING, at, null);
  }

  /** Where a drawdown request stands. */
  public enum Status {
    /** Core banking is being asked, or its answer did not come: the amount is reserved on the line. */
    PENDING,
    /** Booked: the drawdown and its loan exist. */
    DRAWN,
    /** Core banking booked nothing under the key: the reservation is released. */
    CANCELLED
  }
}
