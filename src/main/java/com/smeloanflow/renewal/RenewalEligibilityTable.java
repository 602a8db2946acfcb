package com.smeloanflow.renewal;

import com.smeloanflow.process.LoanRenewalProcess;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Whether a loan near maturity is offered renewal, as process owners keep it: the decision table
 * {@code bpmn/renewal-eligibility.dmn} (the latest deployed version).
 */
@Component
public class RenewalEligibilityTable {

  static final String OUTPUT_ELIGIBLE = "eligible";
  static final String OUTPUT_CODE = "reasonCode";
  static final String OUTPUT_REASON = "reason";

  private final DecisionService decisions;

  public RenewalEligibilityTable(DecisionService decisions) {
    this.decisions = decisions;
  }

  /**
   * What the table reads about a loan.
   *
   * @param openSignals the loan's early-warning signals post-loan monitoring is still checking (OPEN; not the repeats)
   */
  public record Facts(String classification, int monthsSinceLastOverdue, String licenceStatus, int score, boolean hardRedFlag,
      int openSignals) {

    public Map<String, Object> inputs() {
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("classification", classification);
      inputs.put("monthsSinceLastOverdue", monthsSinceLastOverdue);
      inputs.put("licenceStatus", licenceStatus);
      inputs.put("score", score);
      inputs.put("hardRedFlag", hardRedFlag);
      inputs.put("openSignals", openSignals);
      return inputs;
    }
  }

  /** The table's answer: eligible or not, and why (a code and a reason for staff). */
  public record Answer(boolean eligible, String code, String reason) {}

  /** @throws IllegalStateException when the deployed table gives no rule */
  public Answer evaluate(Facts facts) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(LoanRenewalProcess.ELIGIBILITY_DECISION)
        .variables(facts.inputs()).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + LoanRenewalProcess.ELIGIBILITY_DECISION + " has no rule for " + facts);
    }
    Boolean eligible = result.getSingleResult().getEntry(OUTPUT_ELIGIBLE);
    String code = result.getSingleResult().getEntry(OUTPUT_CODE);
    String reason = result.getSingleResult().getEntry(OUTPUT_REASON);
    return new Answer(Boolean.TRUE.equals(eligible), code == null ? "" : code, reason == null ? "" : reason);
  }
}
