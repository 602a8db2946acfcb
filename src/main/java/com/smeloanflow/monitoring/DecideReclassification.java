package com.smeloanflow.monitoring;

/**
 * A second person decides a proposed reclassification.
 *
 * @param loanId    the loan
 * @param approve   approve (true) or reject
 * @param note      the decider's note (required to reject)
 * @param decidedBy who decides; never the proposer
 */
public record DecideReclassification(String loanId, boolean approve, String note, String decidedBy) {}
