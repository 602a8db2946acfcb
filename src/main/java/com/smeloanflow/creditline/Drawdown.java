package com.smeloanflow.creditline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One drawdown on a credit line: its own loan account in servicing ({@code loanId}), paid out by one core
 * banking posting under {@code coreIdempotencyKey}.
 *
 * @param drawdownId           e.g. DD20261201000001
 * @param lineId               the line drawn on
 * @param requestId            the channel's id of the request (a retry with it returns this drawdown)
 * @param amount               CNY, 2 decimals
 * @param termMonths           the drawdown loan's term
 * @param loanId               its loan account
 * @param coreIdempotencyKey   what core banking posts once for: line id and request id
 * @param corePostingReference core banking's reference of the posting
 * @param requestedBy          the system user who asked
 * @param drawnOn              business day of the payout
 * @param drawnAt              when
 * @param lineLimitAfter       the line's limit when it was booked (null for a drawdown booked before V125)
 * @param lineAvailableAfter   what was left to draw on the line right after it was booked, under the line's lock
 *                             (limit − the drawdowns' outstanding principal, this one included − what pending requests
 *                             reserved, never below 0); null for a drawdown booked before V125
 */
public record Drawdown(
    String drawdownId,
    String lineId,
    String requestId,
    BigDecimal amount,
    int termMonths,
    String loanId,
    String coreIdempotencyKey,
    String corePostingReference,
    String requestedBy,
    LocalDate drawnOn,
    Instant drawnAt,
    BigDecimal lineLimitAfter,
    BigDecimal lineAvailableAfter) {

  /** The drawdown with what its line stood at right after it was booked. */
  Drawdown withLineAfter(BigDecimal limit, BigDecimal available) {
    return new Drawdown(drawdownId, lineId, requestId, amount, termMonths, loanId, coreIdempotencyKey, corePostingReference,
        requestedBy, drawnOn, drawnAt, limit, available);
  }

  /** The core banking key of a drawdown: the same request on the same line is posted once, however often retried. */
  static String coreIdempotencyKey(String lineId, String requestId) {
    return lineId + ":" + requestId;
  }
}
