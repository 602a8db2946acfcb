package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A loan's standing after the last daily close that covered it.
 *
 * @param loanId              the loan
 * @param status              ACTIVE, SETTLED or WRITTEN_OFF
 * @param daysPastDue         days since the oldest unpaid due date, counting the due date's close as day 1
 * @param overdueSince        oldest due date with something unpaid; null when nothing is overdue
 * @param defaultedOn         first business date with more than 90 days past due; null if never
 * @param classification      the loan's classification (the strictest of its sources)
 * @param dpdClassification   the regulatory minimum by days past due
 * @param lastClosedOn        the last business date the daily close covered the loan
 * @param closedOn            the business date it was settled or written off
 * @param writtenOffPrincipal the principal written off; null unless written off
 * @param acceleratedOn       the day a call-in made everything owed fall due ({@link Acceleration}); null unless called in
 */
public record LoanStanding(
    String loanId,
    String status,
    int daysPastDue,
    LocalDate overdueSince,
    LocalDate defaultedOn,
    Classification classification,
    Classification dpdClassification,
    LocalDate lastClosedOn,
    LocalDate closedOn,
    BigDecimal writtenOffPrincipal,
    LocalDate acceleratedOn) {

  public boolean active() {
    return LoanAccount.ACTIVE.equals(status);
  }
}
