package com.smeloanflow.servicing;

import java.math.BigDecimal;

/**
 * One part of a repayment: how much went to which component of which instalment.
 *
 * @param instalmentNumber the instalment; {@code null} for {@link AllocationComponent#PREPAID_PRINCIPAL}
 * @param component        what it paid
 * @param amount           CNY, more than 0, 2 decimals
 */
public record AllocationLine(Integer instalmentNumber, AllocationComponent component, BigDecimal amount) {}
