package com.smeloanflow.collections;

import com.smeloanflow.process.CollectionProcess;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The collection ladder as process owners keep it: the decision table
 * {@code bpmn/collection-strategy.dmn} maps days past due, amount overdue, classification, the
 * promise to pay, the rung reached and the last contact's outcome to the next action. Changing the
 * ladder is editing and deploying the table; the latest deployed version decides the next review.
 */
@Component
public class CollectionStrategy {

  static final String OUTPUT_ACTION = "nextAction";
  static final String OUTPUT_REASON = "actionReason";

  private final DecisionService decisions;

  public CollectionStrategy(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** @throws IllegalStateException when the deployed table gives no rule or an unknown action */
  public StrategyDecision decide(CollectionFacts facts) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(CollectionProcess.STRATEGY_DECISION)
        .variables(facts.variables()).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + CollectionProcess.STRATEGY_DECISION + " has no rule for " + facts);
    }
    String action = result.getSingleResult().getEntry(OUTPUT_ACTION);
    String reason = result.getSingleResult().getEntry(OUTPUT_REASON);
    try {
      return new StrategyDecision(CollectionAction.valueOf(action), reason == null ? "" : reason);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("Decision table " + CollectionProcess.STRATEGY_DECISION + " gives an unknown action "
          + action + " for " + facts, e);
    }
  }
}
