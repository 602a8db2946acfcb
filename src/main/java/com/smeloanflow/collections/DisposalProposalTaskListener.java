package com.smeloanflow.collections;

import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (complete) of "提出诉讼或核销建议": records the proposal for another person to decide. */
@Component("disposalProposalTask")
public class DisposalProposalTaskListener implements TaskListener {

  public static final String KIND = "disposalKind";
  public static final String REASON = "disposalReason";

  private final CollectionCaseService cases;

  public DisposalProposalTaskListener(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    ExecutionTree.readBeforeALockWait(task);
    TaskForm form = TaskForm.of(task);
    DisposalType type = DisposalType.valueOf(form.choice(KIND, "处置方式",
        Set.of(DisposalType.LEGAL_ACTION.name(), DisposalType.WRITE_OFF.name())));
    cases.propose(new ProposeDisposal(task.getExecution().getProcessBusinessKey(), type, form.text(REASON), TaskActor.of(task)));
    form.discard(KIND, REASON);
  }
}
