package com.smeloanflow.processing.source;

import java.math.BigDecimal;

/**
 * The enterprise's credit bureau report (企业征信), summarised. All fields {@code null}: no report.
 *
 * @param currentOverdueAmount CNY overdue with any lender today
 * @param maxDpd24m worst days past due in the last 24 months
 * @param outstandingLoans loans outstanding with any lender
 * @param enquiriesLast3m enquiries by lenders in the last 3 months
 */
public record BureauRecord(BigDecimal currentOverdueAmount, Integer maxDpd24m, Integer outstandingLoans, Integer enquiriesLast3m) {

  public static BureauRecord noData() {
    return new BureauRecord(null, null, null, null);
  }
}
