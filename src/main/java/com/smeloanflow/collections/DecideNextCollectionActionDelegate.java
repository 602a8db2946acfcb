package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.NEXT_ACTION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "确定下一步催收动作": the strategy table chooses; the gateway reads {@code nextCollectionAction}. */
@Component("decideNextCollectionAction")
public class DecideNextCollectionActionDelegate implements JavaDelegate {

  private final CollectionCaseService cases;

  public DecideNextCollectionActionDelegate(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NEXT_ACTION.set(execution, cases.decideNext(execution.getProcessBusinessKey()).action().name());
  }
}
