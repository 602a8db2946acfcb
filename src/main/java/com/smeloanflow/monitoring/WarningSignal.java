package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ChineseDates;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An early-warning signal of a loan ({@code warning_signal}).
 *
 * @param signalId       e.g. EW20261201000007
 * @param loanId         the loan
 * @param type           what happened
 * @param origin         {@link #REQUERY} (the monthly re-query found it) or {@link #PUSHED} (another system or a person)
 * @param reportedBy     {@code system} for the re-query, else the user who reported it
 * @param eventId        the reporter's id of the event (pushed signals)
 * @param observedOn     when it happened, by the reporter (the re-query: the day it was found)
 * @param summary        one line for staff
 * @param evidence       what it rests on
 * @param severity       by the table warning-signal-severity
 * @param severityReason the table's reason
 * @param status         {@link #OPEN}, {@link #CHECKED}, {@link #DUPLICATE} or {@link #CANCELLED}
 * @param duplicateOf    the open signal a duplicate repeated
 * @param checkId        the check that covers it
 * @param raisedAt       when it was recorded
 */
public record WarningSignal(String signalId, String loanId, SignalType type, String origin, String reportedBy, String eventId,
    LocalDate observedOn, String summary, SignalEvidence evidence, SignalSeverity severity, String severityReason,
    String status, String duplicateOf, String checkId, Instant raisedAt) {

  public static final String REQUERY = "REQUERY";
  public static final String PUSHED = "PUSHED";

  /** Waiting for its check to be done: a second report of the same type starts nothing. */
  public static final String OPEN = "OPEN";
  /** Its check was done. */
  public static final String CHECKED = "CHECKED";
  /** A repeat of an open signal: kept with its evidence, started no check. */
  public static final String DUPLICATE = "DUPLICATE";
  /** Monitoring ended (loan settled or written off) before its check was done. */
  public static final String CANCELLED = "CANCELLED";

  /** The signal as staff read it on a task, e.g. "【重大】列入失信被执行人名单 (2026-12-01, 外部数据复查): …". */
  public String describe() {
    return "【" + severity.label() + "】" + type.label() + " (" + ChineseDates.day(observedOn) + ", "
        + (REQUERY.equals(origin) ? "外部数据复查" : "由 " + reportedBy + " 报送") + "): " + summary + "。证据: "
        + evidence.describe() + "。";
  }
}
