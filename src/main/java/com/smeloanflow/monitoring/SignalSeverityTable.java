package com.smeloanflow.monitoring;

import com.smeloanflow.process.PostLoanMonitoringProcess;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * How serious a signal is, as process owners keep it: the decision table
 * {@code bpmn/warning-signal-severity.dmn} (the latest deployed version) maps the signal's type and
 * measures to ORDINARY (a remote check) or SERIOUS (on site).
 */
@Component
public class SignalSeverityTable {

  static final String OUTPUT_SEVERITY = "severity";
  static final String OUTPUT_REASON = "severityReason";

  private final DecisionService decisions;

  public SignalSeverityTable(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** The table's answer: the severity and why. */
  public record Severity(SignalSeverity severity, String reason) {}

  /** The table's inputs for a signal: its type and the measures that came with it. */
  public static Map<String, Object> inputs(SignalType type, SignalEvidence evidence) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("signalType", type.name());
    inputs.put("taxRating", evidence.taxRating());
    inputs.put("overdueAmount", evidence.overdueAmount() == null ? null : evidence.overdueAmount().doubleValue());
    inputs.put("openEnforcementCases", evidence.openEnforcementCases());
    inputs.put("inflowDropPercent", evidence.inflowDropPercent());
    return inputs;
  }

  /** @throws IllegalStateException when the deployed table gives no rule or an unknown severity */
  public Severity assess(SignalType type, SignalEvidence evidence) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(PostLoanMonitoringProcess.SIGNAL_SEVERITY_DECISION)
        .variables(inputs(type, evidence)).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + PostLoanMonitoringProcess.SIGNAL_SEVERITY_DECISION
          + " has no rule for " + type + " " + evidence);
    }
    String severity = result.getSingleResult().getEntry(OUTPUT_SEVERITY);
    String reason = result.getSingleResult().getEntry(OUTPUT_REASON);
    try {
      return new Severity(SignalSeverity.valueOf(severity), reason == null ? "" : reason);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("Decision table " + PostLoanMonitoringProcess.SIGNAL_SEVERITY_DECISION
          + " gives an unknown severity " + severity + " for " + type, e);
    }
  }
}
