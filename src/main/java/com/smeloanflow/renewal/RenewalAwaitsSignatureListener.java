package com.smeloanflow.renewal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Start listener of 等待签署续贷合同: the status the channel sees (APPROVED) is set where the process waits. */
@Component("renewalAwaitsSignature")
public class RenewalAwaitsSignatureListener implements ExecutionListener {

  private final RenewalContractService contracts;

  public RenewalAwaitsSignatureListener(RenewalContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void notify(DelegateExecution execution) {
    contracts.awaitSignature(execution.getProcessBusinessKey());
  }
}
