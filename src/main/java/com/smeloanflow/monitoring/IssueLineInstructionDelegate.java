package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "下达额度管控指令": the line measure of the check, recorded for the line owner. */
@Component("issueLineInstruction")
public class IssueLineInstructionDelegate implements JavaDelegate {

  private final PostLoanCheckService checks;

  public IssueLineInstructionDelegate(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.issueLineInstruction(execution.getProcessBusinessKey());
  }
}
