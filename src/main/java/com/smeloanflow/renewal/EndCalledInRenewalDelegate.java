package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 终止续贷 (贷款已提前收回): the loan was called in; the renewal is recorded CALLED_IN ({@link RenewalCallIns}). */
@Component("endCalledInRenewal")
public class EndCalledInRenewalDelegate implements JavaDelegate {

  private final RenewalCallIns callIns;

  public EndCalledInRenewalDelegate(RenewalCallIns callIns) {
    this.callIns = callIns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    callIns.recordCalledIn(execution.getProcessBusinessKey());
  }
}
