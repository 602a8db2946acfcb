package com.smeloanflow.servicing;

import java.time.LocalDate;

/**
 * The classification the post-loan risk review (monitoring) gives a loan: the loan's classification is
 * the strictest of it and the days-past-due floor, now and at every daily close.
 *
 * @param loanId         the loan
 * @param classification what the review decided (the risk-classification table, or an approved reclassification)
 * @param businessDate   the business date of the review
 * @param reason         why, in the words staff read
 * @param decidedBy      who decided: {@code risk-classification} for the table, else the approver of a reclassification
 */
public record RiskReview(String loanId, Classification classification, LocalDate businessDate, String reason,
    String decidedBy) {}
