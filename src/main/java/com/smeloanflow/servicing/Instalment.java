package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a repayment schedule: what the borrower pays on a due date, split into principal
 * and interest, and the principal still owed after paying it. Amounts in CNY with 2 decimals.
 *
 * @param number             1 for the first instalment
 * @param dueDate            the day the instalment is due
 * @param principal          the part that repays the loan
 * @param interest           the interest for the month before the due date
 * @param total              principal + interest: what is debited
 * @param remainingPrincipal principal owed after this instalment (0.00 after the last)
 */
public record Instalment(
    int number,
    LocalDate dueDate,
    BigDecimal principal,
    BigDecimal interest,
    BigDecimal total,
    BigDecimal remainingPrincipal) {}
