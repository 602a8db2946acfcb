package com.smeloanflow.disbursement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "解除合同并注销抵押" (asynchronous, retried, then an incident): the contracts are cancelled
 * in the e-signature service and a registered mortgage released. The decline or withdrawal is already
 * recorded, so an outside system that is down holds up only this step, not the applicant's answer.
 */
@Component("cancelContract")
public class CancelContractDelegate implements JavaDelegate {

  private final ContractService contracts;

  public CancelContractDelegate(ContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    contracts.cancel(execution.getProcessBusinessKey());
  }
}
