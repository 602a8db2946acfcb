package com.smeloanflow.renewal;

import com.smeloanflow.casefile.CustomerReason;

/**
 * A person's decision in 审批续贷申请.
 *
 * @param customerReason what the borrower is told when declined (from the catalogue); null when approved
 * @param note           the approver's note, internal (required when declined)
 */
public record DecideRenewal(String loanId, boolean approve, CustomerReason customerReason, String note, String decidedBy) {}
