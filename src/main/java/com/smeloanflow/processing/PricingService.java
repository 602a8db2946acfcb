package com.smeloanflow.processing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/**
 * The annual rate of a loan: the LPR in force on the pricing day (the 5-year LPR for terms over 60
 * months, the 1-year LPR otherwise) plus the spread of the loan-pricing table (以收益覆盖风险).
 */
@Service
public class PricingService {

  private final LprRates rates;

  public PricingService(LprRates rates) {
    this.rates = rates;
  }

  /**
   * @param spread the sum of the loan-pricing table (a DMN number), rounded to 4 decimals
   * @param pricedOn the day the price applies: the day of the facts the table saw
   */
  public Price price(int termMonths, Number spread, LocalDate pricedOn) {
    LprTenor tenor = LprTenor.forTerm(termMonths);
    LprRates.Rate lpr = rates.inForce(tenor, pricedOn);
    BigDecimal spreadPercent = decimal(spread);
    BigDecimal lprPercent = lpr.ratePercent().setScale(4, RoundingMode.HALF_UP);
    return new Price(tenor, lpr.effectiveFrom(), lprPercent, spreadPercent, lprPercent.add(spreadPercent));
  }

  /** A DMN number as an exact decimal with 4 places (e.g. 0.45 → 0.4500). */
  static BigDecimal decimal(Number value) {
    if (value == null) {
      throw new IllegalStateException("loan-pricing returned no spread");
    }
    return (value instanceof BigDecimal big ? big : new BigDecimal(value.toString())).setScale(4, RoundingMode.HALF_UP);
  }
}
