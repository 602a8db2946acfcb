package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "移交催收" (asynchronous): the called-in loan's collection case opens. */
@Component("referLoanToCollections")
public class ReferToCollectionsDelegate implements JavaDelegate {

  private final PostLoanCheckService checks;

  public ReferToCollectionsDelegate(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.referToCollections(execution.getProcessBusinessKey());
  }
}
