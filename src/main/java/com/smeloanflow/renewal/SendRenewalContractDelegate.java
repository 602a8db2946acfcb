package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 发送续贷合同 (after a save point): the renewal contract goes to the e-signature service. */
@Component("sendRenewalContract")
public class SendRenewalContractDelegate implements JavaDelegate {

  private final RenewalContractService contracts;

  public SendRenewalContractDelegate(RenewalContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    contracts.send(execution.getProcessBusinessKey());
  }
}
