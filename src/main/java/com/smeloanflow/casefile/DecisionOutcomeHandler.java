package com.smeloanflow.casefile;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a stage does with the result of one of its business rule tasks: store it in the stage's own
 * table and set the process variables its gateways read. {@link DecisionRecorder} calls the handler of
 * the activity right after storing the evaluation.
 */
public interface DecisionOutcomeHandler {

  /** The business rule task ids this handler owns. */
  java.util.Set<String> activities();

  /** @param outputs the single result's outputs by name (e.g. approvalRoute, routeReason) */
  void handle(DelegateExecution execution, Map<String, Object> outputs);
}
