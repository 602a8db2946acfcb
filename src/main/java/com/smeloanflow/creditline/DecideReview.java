package com.smeloanflow.creditline;

import java.math.BigDecimal;

/**
 * A customer manager's outcome of an annual review (年审额度).
 *
 * @param lineId    the line
 * @param outcome   confirmed or changed
 * @param newLimit  for REDUCE: the new limit, below the current one; otherwise ignored
 * @param reason    why (required)
 * @param decidedBy the customer manager
 */
public record DecideReview(String lineId, ReviewOutcome outcome, BigDecimal newLimit, String reason, String decidedBy) {}
