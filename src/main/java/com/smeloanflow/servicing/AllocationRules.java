package com.smeloanflow.servicing;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The allocation order of a product, from the decision table {@code bpmn/repayment-allocation.dmn}
 * (deployed with the processes): a process owner changes the order per product by editing and
 * deploying the table, without Java. The latest deployed version applies to the next repayment.
 */
@Component
public class AllocationRules {

  public static final String DECISION_KEY = "repayment-allocation";
  static final String INPUT_PRODUCT = "product";
  static final String OUTPUT_ORDER = "allocationOrder";
  static final String OUTPUT_SCOPE = "allocationScope";

  private final DecisionService decisions;

  public AllocationRules(DecisionService decisions) {
    this.decisions = decisions;
  }

  /**
   * @throws IllegalStateException when the deployed table gives no rule, or not the five components once each
   */
  public AllocationRule forProduct(String product) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION_KEY).variables(Map.of(INPUT_PRODUCT, product))
        .evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + DECISION_KEY + " has no allocation order for product " + product);
    }
    try {
      return AllocationRule.parse(result.getSingleResult().getEntry(OUTPUT_ORDER),
          result.getSingleResult().getEntry(OUTPUT_SCOPE), DECISION_KEY + "/" + product);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Decision table " + DECISION_KEY + " gives an unusable order for product " + product
          + ": " + e.getMessage(), e);
    }
  }
}
