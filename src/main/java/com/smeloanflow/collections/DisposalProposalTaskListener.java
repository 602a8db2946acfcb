package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_APPROVER_GROUP;
import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_AUTHORITY_TEXT;

import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of "提出诉讼或核销建议": records the proposal for another person to decide, and who may decide
 * it (审批权限, {@link CollectionCaseService#approvalAuthority}): the candidate group of the approval task this completion
 * creates, and the line its form shows.
 */
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
    String loanId = task.getExecution().getProcessBusinessKey();
    cases.propose(new ProposeDisposal(loanId, type, form.text(REASON), TaskActor.of(task)));
    DisposalApprovalAuthority.Authority authority = cases.approvalAuthority(loanId);
    DISPOSAL_APPROVER_GROUP.set(task.getExecution(), authority.approverGroup());
    DISPOSAL_AUTHORITY_TEXT.set(task.getExecution(), authority.text());
    form.discard(KIND, REASON);
  }
}
