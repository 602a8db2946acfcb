package com.smeloanflow.accountability;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One loan in its customer manager's performance: what it earns the manager, and whether it counts
 * against the non-performing tolerance. Amounts in CNY with 2 decimals.
 *
 * @param loanId                 the loan
 * @param borrowerName           the borrower
 * @param product                the product code
 * @param disbursedOn            the day it was paid out
 * @param principal              the principal lent
 * @param status                 ACTIVE, SETTLED or WRITTEN_OFF
 * @param classification         the five-tier classification (NORMAL … LOSS)
 * @param classificationLabel    the same in Chinese (正常 … 损失)
 * @param outstandingPrincipal   principal not yet repaid (0 once settled or written off)
 * @param scheduledInterest      all the interest the schedule charges over the term
 * @param interestEarned         interest and penalty interest the borrower has paid so far: on the instalments, and
 *                               after a write-off what recoveries paid of the interest and penalty interest unpaid
 *                               then (核销后收回; not the principal they paid, and no reversed recovery)
 * @param recoveredInterest      of {@code interestEarned}, what was recovered after the write-off; null unless the
 *                               loan was written off
 * @param expectedIncome         the manager's share of the scheduled interest: known at disbursement
 * @param incomeEarned           the manager's share of the interest earned so far
 * @param nonPerforming          classified 次级, 可疑 or 损失
 * @param dueDiligence           the outcome of the due-diligence review for the manager, or null (no review
 *                               concluded)
 * @param countsAgainstTolerance non-performing, with a balance, and not exempt after a review
 * @param source                 why the manager answers for it
 */
public record LoanPerformance(
    String loanId,
    String borrowerName,
    String product,
    LocalDate disbursedOn,
    BigDecimal principal,
    String status,
    String classification,
    String classificationLabel,
    BigDecimal outstandingPrincipal,
    BigDecimal scheduledInterest,
    BigDecimal interestEarned,
    BigDecimal recoveredInterest,
    BigDecimal expectedIncome,
    BigDecimal incomeEarned,
    boolean nonPerforming,
    String dueDiligence,
    boolean countsAgainstTolerance,
    ManagerSource source) {}
