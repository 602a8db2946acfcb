package com.smeloanflow.processing;


import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "采集外部数据" (asynchronous, retried with back-off): gathers registration, tax,
 * bureau, court, utilities, flows, internal defaults and scenario data and keeps the snapshot with
 * the application. A source that stays unavailable becomes an incident an operator retries in Cockpit.
 */
@Component("gatherExternalData")
public class GatherExternalDataDelegate implements JavaDelegate {

  private final ExternalDataService externalData;

  public GatherExternalDataDelegate(ExternalDataService externalData) {
    this.externalData = externalData;
  }

  @Override
  public void execute(DelegateExecution execution) {
    externalData.gather(execution.getProcessBusinessKey());
  }
}
