package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "调整风险分类": the approved reclassification takes effect. */
@Component("applyReclassification")
public class ApplyReclassificationDelegate implements JavaDelegate {

  private final RiskClassificationService classification;

  public ApplyReclassificationDelegate(RiskClassificationService classification) {
    this.classification = classification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    classification.applyApproved(execution.getProcessBusinessKey());
  }
}
