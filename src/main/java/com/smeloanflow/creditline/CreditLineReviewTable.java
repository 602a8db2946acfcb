package com.smeloanflow.creditline;

import com.smeloanflow.casefile.DecisionTrace;
import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.servicing.Classification;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The annual review as process owners keep it: the decision table {@code bpmn/credit-line-review.dmn} (hit policy
 * FIRST, the most serious rule first) decides from the new score, the drawdowns' worst classification, their
 * longest days past due and the open signals.
 */
@Component
public class CreditLineReviewTable {

  static final String OUTPUT_OUTCOME = "reviewOutcome";
  static final String OUTPUT_LIMIT_SHARE = "limitSharePercent";
  static final String OUTPUT_PERSON_REVIEW = "personReview";
  static final String OUTPUT_REASON = "reviewReason";

  private final DecisionService decisions;

  public CreditLineReviewTable(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** What the table reads. */
  public record Facts(int newScore, Classification worstClassification, int maxDaysPastDue, int openSignals) {

    public Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("newScore", newScore);
      variables.put("worstClassification", worstClassification.name());
      variables.put("maxDaysPastDue", maxDaysPastDue);
      variables.put("openSignals", openSignals);
      return variables;
    }
  }

  /** What the table decided, with the rule that fired. */
  public record Decision(ReviewOutcome outcome, Integer limitSharePercent, boolean personReview, String reason, String rule) {}

  /** @throws IllegalStateException when no rule fires, or a rule gives an unknown outcome or no share for REDUCE */
  public Decision decide(Facts facts) {
    Map<String, Object> inputs = facts.variables();
    DmnDecisionResult result = decisions.evaluateDecisionByKey(CreditLineReviewProcess.REVIEW_DECISION).variables(inputs).evaluate();
    DecisionTrace.Evaluation trace = DecisionTrace.take(CreditLineReviewProcess.REVIEW_DECISION);
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + CreditLineReviewProcess.REVIEW_DECISION + " has no rule for " + inputs);
    }
    DmnDecisionResultEntries entries = result.getFirstResult();
    Object outcomeEntry = entries.getEntry(OUTPUT_OUTCOME);
    Object reasonEntry = entries.getEntry(OUTPUT_REASON);
    ReviewOutcome outcome;
    try {
      outcome = ReviewOutcome.valueOf(String.valueOf(outcomeEntry));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Decision table " + CreditLineReviewProcess.REVIEW_DECISION + " gives an unknown outcome "
          + outcomeEntry + " for " + inputs, e);
    }
    Object share = entries.getEntry(OUTPUT_LIMIT_SHARE);
    Integer limitShare = share == null ? null : ((Number) share).intValue();
    if (outcome == ReviewOutcome.REDUCE && (limitShare == null || limitShare <= 0 || limitShare >= 100)) {
      throw new IllegalStateException("Decision table " + CreditLineReviewProcess.REVIEW_DECISION
          + " reduces without a share between 1 and 99 % for " + inputs);
    }
    return new Decision(outcome, limitShare, Boolean.TRUE.equals(entries.getEntry(OUTPUT_PERSON_REVIEW)),
        String.valueOf(reasonEntry),
        trace == null || trace.matchedRules().isEmpty() ? null : trace.matchedRules().get(0));
  }
}
