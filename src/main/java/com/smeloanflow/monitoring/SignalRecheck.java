package com.smeloanflow.monitoring;

import java.time.Instant;

/**
 * A line of a signal's history ({@code warning_signal_recheck}): the check examining it was cancelled with its
 * post-loan-check instance (an operator, a migration or modification) and a new check took the signal over.
 *
 * @param signalId         the signal
 * @param cancelledCheckId the check whose instance was cancelled
 * @param checkId          the new check that examines the signal
 * @param reason           why, as staff read it (who cancelled it, the delete reason when one was given)
 * @param cancelledBy      the operator the engine knew, null when it knew none
 * @param recheckedAt      when the new check was opened
 */
public record SignalRecheck(String signalId, String cancelledCheckId, String checkId, String reason, String cancelledBy,
    Instant recheckedAt) {}
