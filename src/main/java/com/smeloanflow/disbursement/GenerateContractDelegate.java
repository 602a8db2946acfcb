package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.GUARANTEES_REQUIRED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "生成借款合同": the loan and guarantee contracts are generated and sent to the e-signature service. */
@Component("generateContract")
public class GenerateContractDelegate implements JavaDelegate {

  private final ContractService contracts;

  public GenerateContractDelegate(ContractService contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = execution.getProcessBusinessKey();
    contracts.generate(applicationId);
    GUARANTEES_REQUIRED.set(execution, !contracts.guarantees(applicationId).isEmpty());
  }
}
