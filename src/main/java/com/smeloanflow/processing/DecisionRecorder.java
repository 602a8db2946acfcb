package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.BusinessClock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.springframework.stereotype.Component;

/**
 * End listener of every business rule task: stores the decision and the rule that fired with the
 * application, and publishes the single result's outputs as process variables under their output
 * names (e.g. {@code approvalRoute}), which the gateways and the next tables read.
 */
@Component("decisionRecorder")
public class DecisionRecorder implements ExecutionListener {

  private final DecisionRepository decisions;
  private final ApplicationHistory history;
  private final BusinessClock clock;

  public DecisionRecorder(DecisionRepository decisions, ApplicationHistory history, BusinessClock clock) {
    this.decisions = decisions;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    BusinessRuleTask task = (BusinessRuleTask) execution.getBpmnModelElementInstance();
    String decisionKey = task.getCamundaDecisionRef();
    DecisionTrace.Evaluation evaluation = DecisionTrace.take(decisionKey);
    if (evaluation == null || evaluation.matchedRules().isEmpty()) {
      throw new IllegalStateException("Decision " + decisionKey + " matched no rule for application "
          + APPLICATION_ID.from(execution) + ": the table must cover every case");
    }
    String applicationId = APPLICATION_ID.from(execution);
    decisions.insert(applicationId, evaluation, clock.now());
    history.record(applicationId, "system", "DECISION",
        decisionKey + " → " + String.join(",", evaluation.matchedRules()) + " " + evaluation.outputs());
    String resultVariable = task.getCamundaResultVariable();
    Object result = resultVariable == null ? null : execution.getVariable(resultVariable);
    if (result instanceof Map<?, ?> outputs) {
      outputs.forEach((name, value) -> execution.setVariable(name.toString(), value));
      execution.removeVariable(resultVariable);
    }
  }
}
