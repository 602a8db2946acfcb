package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.model.FiredRules;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A decision table of {@code bpmn/} on Camunda's standalone DMN engine, for the rule-by-rule tests
 * of servicing and collections: the outputs and the id of the rule that fired.
 */
public final class DmnTable {

  /** What the table answered, and which rule. */
  public record Answer(Map<String, Object> outputs, String rule) {

    @SuppressWarnings("unchecked")
    public <T> T output(String name) {
      return (T) outputs.get(name);
    }
  }

  private final String key;
  private final DmnEngine engine;
  private final DmnDecision decision;
  private final List<String> fired = new ArrayList<>();

  public DmnTable(String key) {
    this.key = key;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recorder = event -> event.getMatchingRules().forEach(r -> {
      fired.add(r.getId());
      FiredRules.record(event.getDecision().getKey(), r.getId());
    });
    configuration.customPostDecisionTableEvaluationListeners(List.of(recorder));
    engine = configuration.buildEngine();
    decision = engine.parseDecision(key, resource());
  }

  /** Evaluates the table; a null value is a missing input. Fails unless exactly one rule fired. */
  public Answer evaluate(Map<String, Object> inputs) {
    fired.clear();
    DmnDecisionResult result = engine.evaluateDecision(decision, new HashMap<>(inputs));
    assertThat(fired).as("rules of %s that fired for %s", key, inputs).hasSize(1);
    return new Answer(result.getSingleResult().getEntryMap(), fired.get(0));
  }

  /**
   * Evaluates a table of hit policy COLLECT: every rule that fired with its outputs, in the table's
   * order; a null value is a missing input.
   */
  public List<Answer> evaluateAll(Map<String, Object> inputs) {
    fired.clear();
    DmnDecisionResult result = engine.evaluateDecision(decision, new HashMap<>(inputs));
    assertThat(result.size()).as("outputs of %s for %s", key, inputs).isEqualTo(fired.size());
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < fired.size(); i++) {
      answers.add(new Answer(result.get(i).getEntryMap(), fired.get(i)));
    }
    return answers;
  }

  /** The annotation (description) of the rule {@code ruleId}, as the model holds it. */
  public String annotation(String ruleId) {
    return table(model()).getRules().stream().filter(rule -> rule.getId().equals(ruleId)).findFirst()
        .map(rule -> rule.getDescription().getTextContent())
        .orElseThrow(() -> new AssertionError("no rule " + ruleId + " in " + key));
  }

  /** Every output row of the table, rule by rule, as the model holds them (literal texts). */
  public List<Map<String, String>> rows() {
    List<Map<String, String>> rows = new ArrayList<>();
    DecisionTable table = table(model());
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    for (Rule rule : table.getRules()) {
      Map<String, String> row = new HashMap<>();
      List<org.camunda.bpm.model.dmn.instance.OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
      for (int k = 0; k < outputs.size(); k++) {
        row.put(outputs.get(k).getName(), entries.get(k).getText().getTextContent().replace("\"", ""));
      }
      row.put("rule", rule.getId());
      rows.add(row);
    }
    return rows;
  }

  /**
   * STYLE.md's conventions for decision tables: decision id = file name, historyTimeToLive, typed and
   * labelled clauses, a meaningful id and a Chinese / English annotation on every rule.
   */
  public void assertFollowsConventions() {
    DmnModelInstance model = model();
    Decision decision = model.getModelElementsByType(Decision.class).iterator().next();
    assertThat(decision.getId()).isEqualTo(key);
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isNotBlank();
    DecisionTable table = table(model);
    for (Input input : table.getInputs()) {
      assertThat(input.getId()).startsWith("InputClause_");
      assertThat(input.getLabel()).isNotBlank();
      assertThat(input.getInputExpression().getTypeRef()).isNotBlank();
    }
    for (Output output : table.getOutputs()) {
      assertThat(output.getId()).startsWith("OutputClause_");
      assertThat(output.getLabel()).isNotBlank();
    }
    for (Rule rule : table.getRules()) {
      assertThat(rule.getId()).matches("Rule_[A-Z][A-Za-z]+");
      assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId()).contains(" / ")
          .matches("(?s).*\\p{IsHan}.*");
    }
  }

  private DmnModelInstance model() {
    return Dmn.readModelFromStream(resource());
  }

  private static DecisionTable table(DmnModelInstance model) {
    return (DecisionTable) model.getModelElementsByType(Decision.class).iterator().next().getExpression();
  }

  private InputStream resource() {
    InputStream stream = getClass().getClassLoader().getResourceAsStream("bpmn/" + key + ".dmn");
    assertThat(stream).as("bpmn/%s.dmn on the classpath", key).isNotNull();
    return stream;
  }
}
