package com.smeloanflow.creditline;

import java.math.BigDecimal;

/**
 * A channel's request to draw on a line. Checked by {@link CreditLineService#draw}: every bad field is a 400
 * naming it, nothing stored.
 *
 * @param lineId     the line
 * @param requestId  the channel's id of the request, 1–64 characters: the same id again returns the same drawdown
 * @param amount     CNY, at least the line's minimum drawdown (a term of its product, 1,000 unless the product sets
 *                   another; a smaller one is refused BELOW_MINIMUM), at most 2 decimals, at most what is available
 * @param termMonths within the product (1–36 months), maturing no later than the line's validity
 * @param caller     the system user
 */
public record DrawCreditLine(String lineId, String requestId, BigDecimal amount, Integer termMonths, String caller) {}
