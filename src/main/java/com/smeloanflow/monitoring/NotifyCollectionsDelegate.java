package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.RECLASSIFICATION_PROPOSAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "通知催收复评" (asynchronous, after the approval committed): the loan's open collection case reviews its next step
 * now if the approved classification changes it, and what it did is kept with the reclassification 调整风险分类 applied
 * (the scope's proposal id; none in instances whose job was already waiting when it was introduced).
 */
@Component("notifyCollectionsOfReclassification")
public class NotifyCollectionsDelegate implements JavaDelegate {

  private final RiskClassificationService classification;

  public NotifyCollectionsDelegate(RiskClassificationService classification) {
    this.classification = classification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    classification.notifyCollections(execution.getProcessBusinessKey(), RECLASSIFICATION_PROPOSAL_ID.fromOrNull(execution));
  }
}
