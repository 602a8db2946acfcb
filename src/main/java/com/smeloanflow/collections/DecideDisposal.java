package com.smeloanflow.collections;

/**
 * Decide the case's pending proposal: by someone other than its proposer (four eyes), whatever client
 * is used.
 *
 * @param approve  approve or reject
 * @param comment  the decision's reason; required to reject
 */
public record DecideDisposal(String loanId, boolean approve, String comment, String decidedBy) {}
