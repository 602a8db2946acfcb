package com.smeloanflow.monitoring;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A line measure a check ordered for the borrower's credit line ({@code line_instruction}): carried out on the line
 * the loan was drawn from ({@link #APPLIED}, by creditline through {@link CreditLineMeasures}), or, for a loan that is
 * no drawdown of a line here, recorded {@link #OPEN} for whoever keeps the borrower's line.
 *
 * @param loanId       the loan
 * @param checkId      the check that ordered it
 * @param measure      reduce or freeze
 * @param reducedLimit the limit a reduction leaves
 * @param reason       the checker's findings
 * @param issuedBy     the checker
 * @param issuedAt     when
 * @param status       {@link #OPEN} or {@link #APPLIED}
 */
public record LineInstruction(String loanId, String checkId, LineMeasure measure, BigDecimal reducedLimit, String reason,
    String issuedBy, Instant issuedAt, String status) {

  public static final String OPEN = "OPEN";
  public static final String APPLIED = "APPLIED";

  LineInstruction withStatus(String newStatus) {
    return new LineInstruction(loanId, checkId, measure, reducedLimit, reason, issuedBy, issuedAt, newStatus);
  }
}
