package com.smeloanflow.monitoring;

import com.smeloanflow.casefile.DecisionTrace;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.servicing.Classification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The five-tier classification as process owners keep it: the decision table
 * {@code bpmn/risk-classification.dmn} (hit policy COLLECT) names, for every fact that applies, the
 * least classification it requires; the loan takes the strictest of them (the regulator's rule), with
 * the reasons of the rules that set it.
 */
@Component
public class RiskClassificationTable {

  static final String OUTPUT_CLASSIFICATION = "classification";
  static final String OUTPUT_REASON = "classificationReason";

  private final DecisionService decisions;

  public RiskClassificationTable(DecisionService decisions) {
    this.decisions = decisions;
  }

  /**
   * What the table's inputs are for a loan.
   *
   * @param dpdFloor               the regulatory floor by days past due (servicing)
   * @param approvedClassification a reclassification a second person approved, or null
   * @param seriousSignalsOpen     serious signals not yet checked (since that approval)
   * @param dishonestDebtorListed  an unchecked dishonest-debtor listing
   * @param licenceInvalid         an unchecked revocation or deregistration of the licence
   * @param checkFinding           the latest check's outcome since that approval, or null
   */
  public record Facts(Classification dpdFloor, Classification approvedClassification, int seriousSignalsOpen,
      boolean dishonestDebtorListed, boolean licenceInvalid, CheckOutcome checkFinding) {

    public Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("dpdFloor", dpdFloor.name());
      variables.put("approvedClassification", approvedClassification == null ? "NONE" : approvedClassification.name());
      variables.put("seriousSignalsOpen", seriousSignalsOpen);
      variables.put("dishonestDebtorListed", dishonestDebtorListed);
      variables.put("licenceInvalid", licenceInvalid);
      variables.put("checkFinding", checkFinding == null ? "NONE" : checkFinding.name());
      return variables;
    }
  }

  /**
   * The table's decision.
   *
   * @param classification the strictest classification the rules require
   * @param reason         the reasons of the rules that require it
   * @param matchedRules   every rule that fired
   * @param inputs         what the table saw
   */
  public record Decision(Classification classification, String reason, List<String> matchedRules, Map<String, Object> inputs) {}

  /** @throws IllegalStateException when no rule fires or a rule gives an unknown classification */
  public Decision classify(Facts facts) {
    Map<String, Object> inputs = facts.variables();
    DmnDecisionResult result = decisions.evaluateDecisionByKey(PostLoanMonitoringProcess.CLASSIFICATION_DECISION)
        .variables(inputs).evaluate();
    DecisionTrace.Evaluation trace = DecisionTrace.take(PostLoanMonitoringProcess.CLASSIFICATION_DECISION);
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + PostLoanMonitoringProcess.CLASSIFICATION_DECISION
          + " has no rule for " + inputs);
    }
    Classification strictest = Classification.NORMAL;
    for (DmnDecisionResultEntries entries : result) {
      strictest = Classification.strictest(strictest, classification(entries, inputs));
    }
    List<String> reasons = new ArrayList<>();
    for (DmnDecisionResultEntries entries : result) {
      String reason = entries.getEntry(OUTPUT_REASON);
      if (classification(entries, inputs) == strictest && reason != null && !reasons.contains(reason)) {
        reasons.add(reason);
      }
    }
    return new Decision(strictest, String.join("; ", reasons), trace == null ? List.of() : trace.matchedRules(), inputs);
  }

  private static Classification classification(DmnDecisionResultEntries entries, Map<String, Object> inputs) {
    Object value = entries.getEntry(OUTPUT_CLASSIFICATION);
    try {
      return Classification.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Decision table " + PostLoanMonitoringProcess.CLASSIFICATION_DECISION
          + " gives an unknown classification " + value + " for " + inputs, e);
    }
  }
}
