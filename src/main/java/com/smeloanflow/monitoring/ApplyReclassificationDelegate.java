package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.RECLASSIFICATION_PROPOSAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "调整风险分类": the approved reclassification takes effect; the proposal it applied is kept in the reclassification's
 * scope for its 通知催收复评.
 */
@Component("applyReclassification")
public class ApplyReclassificationDelegate implements JavaDelegate {

  private final RiskClassificationService classification;

  public ApplyReclassificationDelegate(RiskClassificationService classification) {
    this.classification = classification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReclassificationProposal applied = classification.applyApproved(execution.getProcessBusinessKey());
    RECLASSIFICATION_PROPOSAL_ID.setLocal(execution, applied.proposalId());
  }
}
