package com.smeloanflow.casefile;

import com.smeloanflow.platform.BusinessClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.springframework.stereotype.Component;

/**
 * End listener of every business rule task: stores the evaluation and the rules that fired with the
 * application ({@code application_decision}, the credit file), removes the engine's result variable
 * and hands the outputs to the stage that owns the activity ({@link DecisionOutcomeHandler}), which
 * keeps them in its table and sets the few variables its gateways read.
 */
@Component("decisionRecorder")
public class DecisionRecorder implements ExecutionListener {

  private final DecisionRepository decisions;
  private final ApplicationHistory history;
  private final BusinessClock clock;
  private final Map<String, DecisionOutcomeHandler> handlers = new HashMap<>();

  public DecisionRecorder(DecisionRepository decisions, ApplicationHistory history, BusinessClock clock,
      List<DecisionOutcomeHandler> handlers) {
    this.decisions = decisions;
    this.history = history;
    this.clock = clock;
    for (DecisionOutcomeHandler handler : handlers) {
      for (String activity : handler.activities()) {
        if (this.handlers.put(activity, handler) != null) {
          throw new IllegalStateException("Two stages handle the decision of " + activity);
        }
      }
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    BusinessRuleTask task = (BusinessRuleTask) execution.getBpmnModelElementInstance();
    String decisionKey = task.getCamundaDecisionRef();
    String applicationId = execution.getProcessBusinessKey();
    DecisionTrace.Evaluation evaluation = DecisionTrace.take(decisionKey);
    if (evaluation == null || evaluation.matchedRules().isEmpty()) {
      throw new IllegalStateException("Decision " + decisionKey + " matched no rule for application " + applicationId
          + ": the table must cover every case");
    }
    decisions.insert(applicationId, evaluation, clock.now());
    history.record(applicationId, "system", "DECISION",
        decisionKey + " → " + String.join(",", evaluation.matchedRules()) + " " + evaluation.outputs());
    Map<String, Object> outputs = new HashMap<>();
    String resultVariable = task.getCamundaResultVariable();
    if (resultVariable != null && execution.getVariable(resultVariable) instanceof Map<?, ?> result) {
      result.forEach((name, value) -> outputs.put(name.toString(), value));
      execution.removeVariable(resultVariable);
    }
    DecisionOutcomeHandler handler = handlers.get(execution.getCurrentActivityId());
    if (handler == null) {
      throw new IllegalStateException("No stage handles the decision of " + execution.getCurrentActivityId());
    }
    handler.handle(execution, outputs);
  }
}
