package com.smeloanflow.processing.decisions;

import com.smeloanflow.model.FiredRules;
import com.smeloanflow.platform.CachedFeelEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * Evaluates one decision table of {@code bpmn/} with Camunda's standalone DMN engine (no process
 * engine, no Spring) and the application's FEEL engine ({@link CachedFeelEngine}), and records which rules fired, so a test can assert the rule id as well as the
 * result. The DMN file is read from the classpath resource {@code bpmn/<decisionKey>.dmn}, which is
 * the same file the process application deploys.
 */
final class DecisionTableTester {

  /** The rules fired by the evaluation running on this thread (the completeness tests evaluate in parallel). */
  private final ThreadLocal<List<String>> matchedRuleIds = ThreadLocal.withInitial(ArrayList::new);
  private final DmnEngine engine;
  private final DmnDecision decision;

  DecisionTableTester(String decisionKey) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recorder = this::record;
    configuration.customPostDecisionTableEvaluationListeners(List.of(recorder));
    // The FEEL engine the application's process engine uses (platform/CachedFeelEnginePlugin).
    configuration.setFeelEngineFactory(() -> new CachedFeelEngine(List.of()));
    engine = configuration.buildEngine();
    decision = engine.parseDecision(decisionKey, open(decisionKey));
  }

  static InputStream open(String decisionKey) {
    String resource = "bpmn/" + decisionKey + ".dmn";
    InputStream stream = DecisionTableTester.class.getClassLoader().getResourceAsStream(resource);
    if (stream == null) {
      throw new UncheckedIOException(new IOException("Not on the classpath: " + resource));
    }
    return stream;
  }

  DmnDecision decision() {
    return decision;
  }

  /** A variable map from name/value pairs; unlike {@code Map.of} it takes null values. */
  static Map<String, Object> variables(Object... namesAndValues) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }

  /**
   * Evaluates the table with these facts (the tables read {@code facts.<name>}, as the process gives
   * them one transient value); facts may hold null values (a missing input).
   */
  Evaluation evaluate(Map<String, ?> facts) {
    List<String> fired = matchedRuleIds.get();
    fired.clear();
    Map<String, Object> variables = new HashMap<>();
    variables.put("facts", new HashMap<String, Object>(facts));
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    return new Evaluation(result, List.copyOf(fired));
  }

  private void record(DmnDecisionTableEvaluationEvent event) {
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      matchedRuleIds.get().add(rule.getId());
      FiredRules.record(event.getDecision().getKey(), rule.getId());
    }
  }

  /** The decision result and the ids of the rules that fired (after the hit policy). */
  record Evaluation(DmnDecisionResult result, List<String> matchedRuleIds) {

    /** The one rule that fired; fails when none or several did. */
    String firedRule() {
      if (matchedRuleIds.size() != 1) {
        throw new AssertionError("Expected exactly one rule to fire, got " + matchedRuleIds);
      }
      return matchedRuleIds.get(0);
    }

    <T> T output(String name) {
      if (result.isEmpty()) {
        throw new AssertionError("No rule fired, so there is no output '" + name + "'");
      }
      return result.getSingleResult().getEntry(name);
    }
  }
}
