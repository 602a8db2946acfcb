package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "记录定价结果": annual rate = LPR (configured) + the spread of the loan-pricing table,
 * stored with the route the approval-authority table chose.
 */
@Component("recordPricing")
public class RecordPricingDelegate implements JavaDelegate {

  private final ProcessingOutcomeRepository outcomes;
  private final PricingProperties pricing;
  private final ApplicationHistory history;

  public RecordPricingDelegate(ProcessingOutcomeRepository outcomes, PricingProperties pricing, ApplicationHistory history) {
    this.outcomes = outcomes;
    this.pricing = pricing;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = APPLICATION_ID.from(execution);
    BigDecimal spread = decimal(SPREAD_PERCENT.from(execution));
    BigDecimal lpr = pricing.lprOneYearPercent().setScale(4, RoundingMode.HALF_UP);
    BigDecimal rate = lpr.add(spread);
    outcomes.saveRoute(applicationId, APPROVAL_ROUTE.from(execution), ROUTE_REASON.fromOrNull(execution));
    outcomes.savePrice(applicationId, lpr, spread, rate);
    history.record(applicationId, "system", "PRICED", "LPR " + lpr.stripTrailingZeros().toPlainString() + "% + 加点 "
        + spread.stripTrailingZeros().toPlainString() + "% = " + rate.stripTrailingZeros().toPlainString() + "%");
  }

  /** A DMN number as an exact decimal with 4 places (e.g. 0.45 → 0.4500). */
  static BigDecimal decimal(Number value) {
    return (value instanceof BigDecimal big ? big : new BigDecimal(value.toString())).setScale(4, RoundingMode.HALF_UP);
  }
}
