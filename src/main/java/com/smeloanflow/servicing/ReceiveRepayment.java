package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Core banking reports a repayment it debited from the borrower; for a written-off loan it is booked as a recovery
 * (核销后收回) of the write-off's claim ({@link RepaymentService#receive}).
 *
 * @param loanId        the loan repaid
 * @param transactionId core banking's transaction id: the same id is applied once
 * @param amount        CNY, more than 0, at most 2 decimals, at most the payoff amount (a written-off loan: at most the
 *     claim remaining)
 * @param valueDate     the day the money was debited; not after today (China Standard Time), not before the
 *     disbursement (a written-off loan: not before the write-off)
 * @param receivedBy    the system user reporting it
 */
public record ReceiveRepayment(String loanId, String transactionId, BigDecimal amount, LocalDate valueDate,
    String receivedBy) {}
