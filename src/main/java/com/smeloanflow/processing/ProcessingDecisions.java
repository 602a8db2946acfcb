package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.DecisionFacts;
import com.smeloanflow.casefile.DecisionOutcomeHandler;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Centralised processing's decision tables: gives them the application's {@link CreditFacts} and keeps
 * what they decided in {@code processing_outcome}, setting only the variables the gateways read
 * ({@code approvalRoute}, {@code exceptionReviewNeeded}, {@code remoteVerificationRequired}).
 */
@Component
public class ProcessingDecisions implements DecisionFacts, DecisionOutcomeHandler {

  private static final Set<String> ACTIVITIES = Set.of(RULE_DECIDE_COLLATERAL_LIMIT, RULE_CHECK_PRODUCT_ELIGIBILITY,
      RULE_DECIDE_APPROVAL_ROUTE, RULE_PRICE_LOAN, RULE_CHECK_REMOTE_VERIFICATION);

  private final CreditFactsService facts;
  private final ProcessingOutcomes outcomes;
  private final PricingService pricing;
  private final LoanApplicationRepository applications;
  private final ApplicationHistory history;

  public ProcessingDecisions(CreditFactsService facts, ProcessingOutcomes outcomes, PricingService pricing,
      LoanApplicationRepository applications, ApplicationHistory history) {
    this.facts = facts;
    this.outcomes = outcomes;
    this.pricing = pricing;
    this.applications = applications;
    this.history = history;
  }

  @Override
  public Set<String> activities() {
    return ACTIVITIES;
  }

  @Override
  public Map<String, Object> facts(String applicationId, String activityId) {
    return facts.facts(applicationId).asMap();
  }

  @Override
  public void handle(DelegateExecution execution, Map<String, Object> outputs) {
    String applicationId = execution.getProcessBusinessKey();
    switch (execution.getCurrentActivityId()) {
      case RULE_DECIDE_COLLATERAL_LIMIT -> collateralLimit(applicationId, (Number) outputs.get("maxLtvPercent"));
      case RULE_CHECK_PRODUCT_ELIGIBILITY -> outcomes.saveEligibility(applicationId,
          Boolean.TRUE.equals(outputs.get("eligible")), text(outputs.get("eligibilityReason")));
      case RULE_DECIDE_APPROVAL_ROUTE -> route(execution, applicationId, outputs);
      case RULE_PRICE_LOAN -> price(applicationId, (Number) outputs.get("spreadPercent"));
      case RULE_CHECK_REMOTE_VERIFICATION -> {
        boolean required = Boolean.TRUE.equals(outputs.get("remoteVerificationRequired"));
        outcomes.saveRemoteVerification(applicationId, required, text(outputs.get("verificationReason")));
        REMOTE_VERIFICATION_REQUIRED.set(execution, required);
      }
      default -> throw new IllegalStateException("Processing does not decide at " + execution.getCurrentActivityId());
    }
  }

  private void route(DelegateExecution execution, String applicationId, Map<String, Object> outputs) {
    ApprovalRoute route = ApprovalRoute.valueOf(text(outputs.get("approvalRoute")));
    outcomes.saveRoute(applicationId, route, text(outputs.get("routeReason")), text(outputs.get("customerReason")));
    CreditFacts decided = facts.facts(applicationId);
    boolean reviewNeeded = route != ApprovalRoute.REJECT && !decided.exceptionReviewed()
        && (decided.redFlag() || decided.duplicateFound());
    APPROVAL_ROUTE.set(execution, route.name());
    EXCEPTION_REVIEW_NEEDED.set(execution, reviewNeeded);
  }

  private void collateralLimit(String applicationId, Number maxLtvPercent) {
    LoanApplication application = applications.get(applicationId);
    if (maxLtvPercent == null || application.collateralAppraisedValue() == null) {
      throw new IllegalStateException("collateral-ltv gave no loan-to-value ratio for application " + applicationId);
    }
    BigDecimal ltv = new BigDecimal(maxLtvPercent.toString()).setScale(2, RoundingMode.HALF_UP);
    BigDecimal cap = application.collateralAppraisedValue().multiply(ltv).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
    outcomes.saveCollateralLimit(applicationId, ltv, cap);
    history.record(applicationId, "system", "COLLATERAL_LIMIT", application.collateralType().label() + " 评估价值 "
        + application.collateralAppraisedValue().toPlainString() + " 元 × 抵押率 " + ltv.stripTrailingZeros().toPlainString()
        + "% = 可贷上限 " + cap.toPlainString() + " 元");
  }

  private void price(String applicationId, Number spread) {
    CreditFacts f = facts.facts(applicationId);
    Price price = pricing.price(f.termMonths(), spread, f.asOf());
    outcomes.savePrice(applicationId, price);
    history.record(applicationId, "system", "PRICED", price.describe());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
