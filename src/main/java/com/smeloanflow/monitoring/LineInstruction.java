package com.smeloanflow.monitoring;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A line measure a check ordered, for the owner of the borrower's credit line ({@code line_instruction}).
 * Credit lines are not built yet: the instruction is recorded {@link #OPEN} for the line owner to carry out.
 *
 * @param loanId       the loan
 * @param checkId      the check that ordered it
 * @param measure      reduce or freeze
 * @param reducedLimit the limit a reduction leaves
 * @param reason       the checker's findings
 * @param issuedBy     the checker
 * @param issuedAt     when
 * @param status       {@link #OPEN}
 */
public record LineInstruction(String loanId, String checkId, LineMeasure measure, BigDecimal reducedLimit, String reason,
    String issuedBy, Instant issuedAt, String status) {

  public static final String OPEN = "OPEN";
}
