package com.smeloanflow.creditline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A line's figures read at one moment ({@code readAt}): the line, its drawdowns with what each still owes in principal
 * (servicing's ledger) and its pending drawdown requests, one read of each, so that every figure derived from them adds
 * up: {@code limit − used − reserved = available} when the line is within its limit, {@code used + reserved − limit =
 * overLimit} when it is above it, and {@code used} is the sum of what the drawdowns owe.
 */
public record LineFigures(
    CreditLine line,
    List<Drawdown> drawdowns,
    Map<String, BigDecimal> outstandingByLoan,
    List<PendingDrawdown> pending,
    Instant readAt) {

  /** The outstanding principal of the line's drawdowns. */
  public BigDecimal used() {
    return CreditLineService.used(outstandingByLoan);
  }

  /** What the pending drawdown requests reserve. */
  public BigDecimal reserved() {
    return CreditLineService.reserved(pending);
  }

  /** Limit − used − reserved, never below 0. */
  public BigDecimal available() {
    return CreditLineService.available(line, used().add(reserved()));
  }

  /** Used + reserved − limit, never below 0. */
  public BigDecimal overLimit() {
    return CreditLineService.overLimit(line, used().add(reserved()));
  }

  /**
   * What the drawdown's loan still owes in principal (0.00 once settled; written off, the principal of its claim not yet
   * recovered).
   */
  public BigDecimal outstanding(Drawdown drawdown) {
    return outstandingByLoan.getOrDefault(drawdown.loanId(), BigDecimal.ZERO.setScale(2));
  }
}
