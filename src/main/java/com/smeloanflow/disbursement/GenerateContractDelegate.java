package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "生成借款合同": the contract is generated and sent to the e-signature service. */
@Component("generateContract")
public class GenerateContractDelegate implements JavaDelegate {

  private final ContractService contracts;

  public GenerateContractDelegate(ContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    contracts.generate(APPLICATION_ID.from(execution));
  }
}
