package com.smeloanflow.monitoring;

import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the external data said about the borrower at the last (re)query: a signal is what changed
 * since. At enrolment it is the data the loan was granted on (the application's snapshot); a field is
 * null when that source had nothing to say.
 *
 * @param registrationStatus   ACTIVE, REVOKED or DEREGISTERED
 * @param taxRating            A, B, M, C or D
 * @param openEnforcementCases open court enforcement cases
 * @param dishonestDebtor      on the dishonest-debtor list
 * @param overdueElsewhere     CNY overdue with any lender by the bureau
 * @param inflowDropPercent    how far the last 3 months' inflows are below the 12-month average (0 when not below)
 */
public record ExternalBaseline(String registrationStatus, String taxRating, Integer openEnforcementCases,
    Boolean dishonestDebtor, BigDecimal overdueElsewhere, Integer inflowDropPercent) {

  /**
   * Nothing known: the first re-query finds only what is wrong outright (a listing, an overdue, open enforcement cases,
   * collapsed inflows, a revoked or deregistered licence), not a fall of the tax rating, which needs a rating before.
   */
  public static ExternalBaseline unknown() {
    return new ExternalBaseline(null, null, null, null, null, null);
  }

  /** What the sources' answers say, as far as signals go. */
  public static ExternalBaseline of(RegistrationRecord registration, TaxRecord tax, BureauRecord bureau, CourtRecord court,
      TransactionFlowRecord flows) {
    return new ExternalBaseline(registration.status() == null ? null : registration.status().name(),
        tax.rating() == null ? null : tax.rating().name(), court.openEnforcementCases(), court.dishonestDebtor(),
        bureau.currentOverdueAmount(), inflowDropPercent(flows.monthlyInflows()));
  }

  /**
   * How far the average inflow of the last 3 months is below the average of the 12 months, in whole
   * percent (0 when not below); null without 12 months of data or without inflows.
   */
  static Integer inflowDropPercent(List<BigDecimal> monthlyInflows) {
    if (monthlyInflows.size() < 12) {
      return null;
    }
    List<BigDecimal> year = monthlyInflows.subList(monthlyInflows.size() - 12, monthlyInflows.size());
    BigDecimal yearAverage = year.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(12), MathContext.DECIMAL64);
    if (yearAverage.signum() <= 0) {
      return null;
    }
    BigDecimal recentAverage = year.subList(9, 12).stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(3), MathContext.DECIMAL64);
    BigDecimal drop = BigDecimal.ONE.subtract(recentAverage.divide(yearAverage, MathContext.DECIMAL64)).movePointRight(2);
    return Math.max(0, drop.setScale(0, RoundingMode.HALF_UP).intValue());
  }
}
