package com.smeloanflow.collections;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "结清催收案件": the arrears were repaid, the case is closed. */
@Component("closeCuredCase")
public class CloseCuredCaseDelegate implements JavaDelegate {

  private final CollectionCaseService cases;

  public CloseCuredCaseDelegate(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.closeCured(execution.getProcessBusinessKey());
  }
}
