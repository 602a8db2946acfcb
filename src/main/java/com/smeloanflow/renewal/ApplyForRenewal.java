package com.smeloanflow.renewal;

/**
 * The borrower applies for the renewal of a loan over the channel.
 *
 * @param loanId    the loan to renew
 * @param requestId the channel's id of the request: a retry with the same id answers as the first time
 * @param appliedBy the channel system user
 */
public record ApplyForRenewal(String loanId, String requestId, String appliedBy) {}
