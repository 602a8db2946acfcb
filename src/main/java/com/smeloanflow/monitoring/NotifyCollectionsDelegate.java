package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "通知催收复评" (asynchronous, after the approval committed): the loan's open collection case reviews its next step
 * now if the approved classification changes it, and what it did is kept with the reclassification.
 */
@Component("notifyCollectionsOfReclassification")
public class NotifyCollectionsDelegate implements JavaDelegate {

  private final RiskClassificationService classification;

  public NotifyCollectionsDelegate(RiskClassificationService classification) {
    this.classification = classification;
  }

  @Override
  public void execute(DelegateExecution execution) {
    classification.notifyCollections(execution.getProcessBusinessKey());
  }
}
