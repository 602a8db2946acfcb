package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.RULE_REPRICE_LOAN;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.DecisionFacts;
import com.smeloanflow.casefile.DecisionOutcomeHandler;
import com.smeloanflow.processing.CreditFacts;
import com.smeloanflow.processing.CreditFactsService;
import com.smeloanflow.processing.Price;
import com.smeloanflow.processing.PricingService;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Approval's use of loan-pricing: an approval with conditions is re-priced with the approved guarantee
 * (a guarantor added to a credit loan makes it a guaranteed loan), on the same facts and date as the
 * first price; the new rate is the approval's.
 */
@Component
public class ApprovalDecisionTables implements DecisionFacts, DecisionOutcomeHandler {

  private final CreditFactsService facts;
  private final ApprovalDecisions approvals;
  private final PricingService pricing;
  private final ApplicationHistory history;

  public ApprovalDecisionTables(CreditFactsService facts, ApprovalDecisions approvals, PricingService pricing,
      ApplicationHistory history) {
    this.facts = facts;
    this.approvals = approvals;
    this.pricing = pricing;
    this.history = history;
  }

  @Override
  public Set<String> activities() {
    return Set.of(RULE_REPRICE_LOAN);
  }

  @Override
  public Map<String, Object> facts(String applicationId, String activityId) {
    return facts.facts(applicationId).withGuaranteeType(approvals.get(applicationId).guaranteeType().name()).asMap();
  }

  @Override
  public void handle(DelegateExecution execution, Map<String, Object> outputs) {
    String applicationId = execution.getProcessBusinessKey();
    CreditFacts f = facts.facts(applicationId);
    Price price = pricing.price(f.termMonths(), (Number) outputs.get("spreadPercent"), f.asOf());
    approvals.saveRate(applicationId, price.lprPercent(), price.spreadPercent(), price.annualRatePercent());
    history.record(applicationId, "system", "REPRICED", "按审批条件重新定价: " + price.describe());
  }
}
