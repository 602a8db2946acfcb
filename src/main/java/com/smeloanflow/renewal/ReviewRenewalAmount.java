package com.smeloanflow.renewal;

/**
 * A reviewer's decision in 复核续贷金额, after a prepayment since signing changed the principal due at maturity.
 *
 * @param renewDue   true: renew the principal now due (less than signed); false: do not renew, the old loan falls
 *                   due as agreed
 * @param note       the reviewer's note, internal (required, never shown to the borrower)
 * @param reviewedBy who decided
 */
public record ReviewRenewalAmount(String loanId, boolean renewDue, String note, String reviewedBy) {}
