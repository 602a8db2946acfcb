package com.smeloanflow.creditline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "开立循环额度" (asynchronous): an approved REVOLVING_LINE opens its line instead of a payout. */
@Component("openCreditLine")
public class OpenCreditLineDelegate implements JavaDelegate {

  private final CreditLineService lines;

  public OpenCreditLineDelegate(CreditLineService lines) {
    this.lines = lines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    lines.open(execution.getProcessBusinessKey());
  }
}
