package com.smeloanflow.monitoring;

import java.time.LocalDate;

/**
 * A signal another system or a member of staff reports for a loan.
 *
 * @param loanId     the loan
 * @param eventId    the reporter's id of the event: the same id again is the same report
 * @param signalType a {@link SignalType} name
 * @param observedOn when it happened
 * @param summary    one line for staff
 * @param evidence   what it rests on (reference, details, measures); may be null
 * @param reportedBy the authenticated caller
 */
public record ReportSignal(String loanId, String eventId, String signalType, LocalDate observedOn, String summary,
    SignalEvidence evidence, String reportedBy) {}
