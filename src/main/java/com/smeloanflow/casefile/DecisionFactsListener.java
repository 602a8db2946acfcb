package com.smeloanflow.casefile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Start listener of every business rule task: the transient variable {@code facts} the decision table
 * reads, from the stage that owns the task ({@link DecisionFacts}). Transient: it lives for the
 * evaluation only and never becomes a process variable or a copy of the stages' tables.
 */
@Component("decisionFacts")
public class DecisionFactsListener implements ExecutionListener {

  /** The variable the decision tables read. */
  public static final String FACTS = "facts";

  private final Map<String, DecisionFacts> providers = new HashMap<>();

  public DecisionFactsListener(List<DecisionFacts> providers) {
    for (DecisionFacts provider : providers) {
      for (String activity : provider.activities()) {
        if (this.providers.put(activity, provider) != null) {
          throw new IllegalStateException("Two stages give facts to " + activity);
        }
      }
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    DecisionFacts provider = providers.get(execution.getCurrentActivityId());
    if (provider == null) {
      throw new IllegalStateException("No stage gives facts to " + execution.getCurrentActivityId());
    }
    Map<String, Object> facts = provider.facts(execution.getProcessBusinessKey(), execution.getCurrentActivityId());
    execution.setVariableLocal(FACTS, Variables.objectValue(facts, true).create());
  }
}
