package com.smeloanflow.collections;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "核销贷款": the approved write-off (账销案存), then the case is closed. */
@Component("writeOffLoan")
public class WriteOffLoanDelegate implements JavaDelegate {

  private final CollectionCaseService cases;

  public WriteOffLoanDelegate(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.writeOff(execution.getProcessBusinessKey());
  }
}
