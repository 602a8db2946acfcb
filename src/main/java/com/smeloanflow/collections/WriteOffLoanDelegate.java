package com.smeloanflow.collections;

import com.smeloanflow.platform.ExecutionTree;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "核销贷款": the approved write-off (账销案存), then the case is closed. The write-off waits for the loan's
 * row a cure may hold and is then refused: the instance's executions are read before ({@link ExecutionTree}), so the
 * job fails with that refusal rather than the engine's "Cannot restore state …".
 */
@Component("writeOffLoan")
public class WriteOffLoanDelegate implements JavaDelegate {

  private final CollectionCaseService cases;

  public WriteOffLoanDelegate(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ExecutionTree.readBeforeALockWait(execution);
    cases.writeOff(execution.getProcessBusinessKey());
  }
}
