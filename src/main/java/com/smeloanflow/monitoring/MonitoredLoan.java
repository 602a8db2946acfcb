package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanNotFoundException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A loan under post-loan monitoring ({@code monitored_loan}).
 *
 * @param loanId            the loan (business key of its post-loan-monitoring instance)
 * @param branchCode        the loan's branch: its customer managers check on site
 * @param status            {@link #MONITORING} or {@link #ENDED}
 * @param processInstanceId the post-loan-monitoring instance
 * @param classification    the risk review's classification (the risk-classification table, or an approved reclassification)
 * @param watchListed       on the watch list (关注 or worse): checked monthly, else quarterly
 * @param nextCheckDue      when the next periodic check falls due; null before the first check is done
 * @param lastCheckOn       the business date of the last completed check, of any kind
 * @param baseline          what the external data said at the last (re)query
 * @param lastRequeryAt     when the external data was last re-queried
 * @param startedOn         the business date monitoring started
 * @param closure           SETTLED or WRITTEN_OFF once the loan left the books; {@link #CANCELLED} when its monitoring
 *                          instance ended otherwise (an operator deleted or cancelled it)
 * @param closedOn          the business date it did
 * @param cancelledBy       {@link #CANCELLED}: the user who deleted or cancelled the instance, when the engine knew
 *                          (Cockpit and the engine REST API tell it); null otherwise
 * @param cancelledAt       {@link #CANCELLED}: when monitoring recorded it; null otherwise
 * @param cancelReason      {@link #CANCELLED}: the delete reason the engine was given, if any; null otherwise
 */
public record MonitoredLoan(String loanId, String branchCode, String status, String processInstanceId,
    Classification classification, boolean watchListed, LocalDate nextCheckDue, LocalDate lastCheckOn,
    ExternalBaseline baseline, Instant lastRequeryAt, LocalDate startedOn, String closure, LocalDate closedOn,
    String cancelledBy, Instant cancelledAt, String cancelReason) {

  public static final String MONITORING = "MONITORING";
  public static final String ENDED = "ENDED";
  /**
   * The closure of a monitoring whose instance ended other than through {@code LoanClosed}: an operator deleted or
   * cancelled it (Cockpit, engine API) while the loan was on the books. It stays the closure when the loan is settled or
   * written off later (nothing monitors the loan then to end otherwise): the loan's own status says whether it is still
   * on the books.
   */
  public static final String CANCELLED = "CANCELLED";

  public boolean monitoring() {
    return MONITORING.equals(status);
  }

  /** No monitoring of this loan to show (404): no such loan, or it was never under post-loan monitoring. */
  public static LoanNotFoundException notFound(String loanId) {
    return new LoanNotFoundException(loanId, "贷后监控记录", "post-loan monitoring");
  }
}
