package com.smeloanflow.collections;

import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What the decision table {@code collection-strategy} sees of a case when it chooses the next rung.
 *
 * @param daysPastDue        days past due at the last daily close
 * @param amountOverdue      CNY overdue: principal, interest and penalty interest of overdue instalments
 * @param classification     the loan's five-tier classification
 * @param promiseStatus      the latest promise's status (NONE when the ladder has acted on it or there is none)
 * @param ladderStep         the highest rung the case has reached
 * @param lastContactOutcome the outcome of the last contact, or null
 */
public record CollectionFacts(int daysPastDue, BigDecimal amountOverdue, Classification classification,
    PromiseStatus promiseStatus, int ladderStep, ContactOutcome lastContactOutcome) {

  /** The inputs of the decision table, by the names its input expressions use. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("daysPastDue", daysPastDue);
    variables.put("amountOverdue", amountOverdue.doubleValue());
    variables.put("classification", classification.name());
    variables.put("promiseStatus", promiseStatus.name());
    variables.put("ladderStep", ladderStep);
    variables.put("lastContactOutcome", lastContactOutcome == null ? null : lastContactOutcome.name());
    return variables;
  }

  /** The same facts with another classification. */
  public CollectionFacts withClassification(Classification other) {
    return new CollectionFacts(daysPastDue, amountOverdue, other, promiseStatus, ladderStep, lastContactOutcome);
  }
}
