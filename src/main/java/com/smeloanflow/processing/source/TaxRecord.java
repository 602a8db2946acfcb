package com.smeloanflow.processing.source;

import java.math.BigDecimal;

/**
 * What the tax authority reports: the taxpayer's credit rating, the sales of the last tax year and
 * the returns not filed on time. All fields {@code null}: no tax data.
 *
 * @param annualSales CNY
 */
public record TaxRecord(TaxRating rating, BigDecimal annualSales, Integer overdueFilings) {

  public static TaxRecord noData() {
    return new TaxRecord(null, null, null);
  }
}
