package com.smeloanflow.processing;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bank's price inputs outside the decision tables: the 1-year Loan Prime Rate in percent
 * ({@code smeloan.pricing.lpr-one-year-percent}, e.g. 3.00), to which loan-pricing adds its spread.
 */
@ConfigurationProperties("smeloan.pricing")
public record PricingProperties(BigDecimal lprOneYearPercent) {

  public PricingProperties {
    if (lprOneYearPercent == null || lprOneYearPercent.signum() <= 0) {
      throw new IllegalArgumentException("smeloan.pricing.lpr-one-year-percent must be a positive percentage, e.g. 3.00");
    }
  }
}
