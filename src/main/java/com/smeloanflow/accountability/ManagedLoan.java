package com.smeloanflow.accountability;

import java.time.Instant;

/**
 * A loan and the customer manager who answers for it (管户客户经理).
 *
 * @param loanId          the loan
 * @param applicationId   the application it was granted on
 * @param branchCode      the loan's branch
 * @param customerManager the manager's user id
 * @param source          why this manager
 * @param assignedAt      when it was recorded (the opening of the loan account; for a renewed loan, the renewal)
 */
public record ManagedLoan(String loanId, String applicationId, String branchCode, String customerManager,
    ManagerSource source, Instant assignedAt) {}
