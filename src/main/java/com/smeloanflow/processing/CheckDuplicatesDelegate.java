package com.smeloanflow.processing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "检查重复申请": duplicates and the borrower's exposure ({@link DuplicateCheckService}). */
@Component("checkDuplicates")
public class CheckDuplicatesDelegate implements JavaDelegate {

  private final DuplicateCheckService duplicates;

  public CheckDuplicatesDelegate(DuplicateCheckService duplicates) {
    this.duplicates = duplicates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    duplicates.check(execution.getProcessBusinessKey());
  }
}
