package com.smeloanflow.monitoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "下达额度管控指令": the line measure of the check, recorded and carried out on the credit line the loan was drawn from;
 * for a loan that is no drawdown of a line it stays open for the line owner ({@link PostLoanCheckService#issueLineInstruction}).
 */
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
