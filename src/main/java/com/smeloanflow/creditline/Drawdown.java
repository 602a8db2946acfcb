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
    Instant drawnAt) {

  /** The core banking key of a drawdown: the same request on the same line is posted once, however often retried. */
  static String coreIdempotencyKey(String lineId, String requestId) {
    return lineId + ":" + requestId;
  }
}
