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
 * @param freezeShown which freeze the task's form showed ({@link CreditLine#freezeMark}: empty when it showed the line not
 *                    frozen); null when the task did not record it (created before it was recorded, V149): its
 *                    维持额度 of a frozen line is refused, as whether its form showed the freeze is not known
 */
public record DecideReview(String lineId, ReviewOutcome outcome, BigDecimal newLimit, String reason, String decidedBy,
    String freezeShown) {}
