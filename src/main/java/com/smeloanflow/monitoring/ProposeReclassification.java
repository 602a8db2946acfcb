package com.smeloanflow.monitoring;

/**
 * A person proposes to reclassify a loan.
 *
 * @param loanId         the loan
 * @param classification NORMAL, SPECIAL_MENTION, SUBSTANDARD, DOUBTFUL or LOSS
 * @param reason         why (required)
 * @param proposedBy     who proposes; a second person decides
 */
public record ProposeReclassification(String loanId, String classification, String reason, String proposedBy) {}
