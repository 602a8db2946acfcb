package com.smeloanflow.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "撤销贷款申请": the missing documents did not arrive in time. */
@Component("withdrawApplication")
public class WithdrawApplicationDelegate implements JavaDelegate {

  private final AcceptanceService acceptance;

  public WithdrawApplicationDelegate(AcceptanceService acceptance) {
    this.acceptance = acceptance;
  }

  @Override
  public void execute(DelegateExecution execution) {
    acceptance.withdrawForMissingDocuments(execution.getProcessBusinessKey());
  }
}
