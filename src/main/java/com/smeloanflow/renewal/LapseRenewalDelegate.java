package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 续贷失效: not decided or not signed by maturity; a contract sent is withdrawn and the old loan falls due as agreed. */
@Component("lapseRenewal")
public class LapseRenewalDelegate implements JavaDelegate {

  private final RenewalContractService contracts;

  public LapseRenewalDelegate(RenewalContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    contracts.lapse(execution.getProcessBusinessKey());
  }
}
