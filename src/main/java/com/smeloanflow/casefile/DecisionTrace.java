package com.smeloanflow.casefile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;

/**
 * Captures, on the evaluating thread, which rules of a decision table fired, so that
 * {@link DecisionRecorder} can store them with the application right after the business rule task.
 * Registered with the engine by {@link DecisionTracePlugin}.
 */
public final class DecisionTrace implements DmnDecisionEvaluationListener {

  /** One evaluated decision table: its key, the ids of the rules that fired, and their outputs. */
  public record Evaluation(String decisionKey, List<String> matchedRules, List<Map<String, Object>> outputs) {}

  private static final ThreadLocal<List<Evaluation>> EVALUATIONS = ThreadLocal.withInitial(ArrayList::new);
  /**
   * Evaluations outside a business rule task (e.g. through the engine REST API) are never taken:
   * a thread keeps only its latest few, so a pooled server thread cannot pile them up.
   */
  static final int MAX_KEPT_PER_THREAD = 16;

  @Override
  public void notify(DmnDecisionEvaluationEvent event) {
    record(event.getDecisionResult());
    for (DmnDecisionLogicEvaluationEvent required : event.getRequiredDecisionResults()) {
      record(required);
    }
  }

  private void record(DmnDecisionLogicEvaluationEvent event) {
    if (!(event instanceof DmnDecisionTableEvaluationEvent table)) {
      return;
    }
    List<String> rules = new ArrayList<>();
    List<Map<String, Object>> outputs = new ArrayList<>();
    for (DmnEvaluatedDecisionRule rule : table.getMatchingRules()) {
      rules.add(rule.getId());
      Map<String, Object> ruleOutputs = new LinkedHashMap<>();
      for (DmnEvaluatedOutput output : rule.getOutputEntries().values()) {
        ruleOutputs.put(output.getOutputName(), output.getValue() == null ? null : output.getValue().getValue());
      }
      outputs.add(ruleOutputs);
    }
    List<Evaluation> evaluations = EVALUATIONS.get();
    evaluations.add(new Evaluation(event.getDecision().getKey(), rules, outputs));
    while (evaluations.size() > MAX_KEPT_PER_THREAD) {
      evaluations.remove(0);
    }
  }

  /** Removes and returns the latest evaluation of {@code decisionKey} on this thread, or null. */
  public static Evaluation take(String decisionKey) {
    List<Evaluation> evaluations = EVALUATIONS.get();
    for (int i = evaluations.size() - 1; i >= 0; i--) {
      if (evaluations.get(i).decisionKey().equals(decisionKey)) {
        Evaluation evaluation = evaluations.remove(i);
        if (evaluations.isEmpty()) {
          EVALUATIONS.remove();
        }
        return evaluation;
      }
    }
    return null;
  }
}
