package com.smeloanflow.servicing;

/**
 * Core banking reverses a repayment it reported (冲正), e.g. a bounced payment: what it paid is owed again.
 *
 * @param loanId        the loan
 * @param transactionId the repayment's transaction id
 * @param reason        why, e.g. "退票"; 1 to 200 characters
 * @param reversedBy    the system user reporting it
 */
public record ReverseRepayment(String loanId, String transactionId, String reason, String reversedBy) {}
