package com.smeloanflow.creditline;

import java.math.BigDecimal;

/**
 * What a credit line drew so far: its drawdowns booked by core banking (each a loan of its own) and what they drew
 * together, CNY.
 */
public record DrawnOnLine(long drawdowns, BigDecimal amount) {}
