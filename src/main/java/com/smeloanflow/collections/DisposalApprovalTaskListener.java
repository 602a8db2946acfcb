package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_APPROVED;
import static com.smeloanflow.process.CollectionProcess.Variables.DISPOSAL_TYPE;

import com.smeloanflow.identity.TaskRevocations;
import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create, assignment, complete) of "审批诉讼或核销建议": offered to the approver group decided for the
 * proposal; four eyes — the proposer does not see the task in Tasklist ({@link TaskRevocations}) and, whatever the
 * client, can neither claim, be assigned nor complete it (403) — then the decision. A proposal recorded before its
 * approver group was kept (V142) has it decided, and its task offered to it, at the application's start
 * ({@link EarlierProposalAuthorities}).
 */
@Component("disposalApprovalTask")
public class DisposalApprovalTaskListener implements TaskListener {

  public static final String DECISION = "disposalDecision";
  public static final String COMMENT = "disposalComment";
  static final String APPROVE = "APPROVE";
  static final String REJECT = "REJECT";

  private final CollectionCaseService cases;

  public DisposalApprovalTaskListener(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    String loanId = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Disposal pending = cases.pendingDisposal(loanId);
      offerToTheApproverGroup(task, pending.approverGroup());
      TaskRevocations.hideFrom(task, pending.proposedBy());
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (task.getAssignee() != null) {
        cases.requireMayDecide(loanId, task.getAssignee());
      }
      return;
    }
    ExecutionTree.readBeforeALockWait(task);
    TaskForm form = TaskForm.of(task);
    boolean approve = APPROVE.equals(form.choice(DECISION, "审批结论", Set.of(APPROVE, REJECT)));
    Disposal decided = cases.decide(new DecideDisposal(loanId, approve, form.text(COMMENT), TaskActor.of(task)));
    DISPOSAL_APPROVED.set(task.getExecution(), approve);
    DISPOSAL_TYPE.set(task.getExecution(), decided.type().name());
    form.discard(DECISION, COMMENT);
  }

  /**
   * The group decided to approve the proposal ({@link CollectionCaseService#approvalAuthority}) is a candidate of the
   * task. The model offers the task to it ({@code ${disposalApproverGroup}}); a version of {@code collection.bpmn}
   * before the authority table offers it to {@code collections} alone, so there the decided group is added beside it:
   * else a write-off above collections' authority would wait for ever, its only candidates refused by
   * {@link CollectionCaseService#requireMayDecide}. None kept (a proposal before V142): nothing to add at creation; it
   * is added when the authority is decided, at the application's start ({@link EarlierProposalAuthorities}).
   */
  private static void offerToTheApproverGroup(DelegateTask task, String approverGroup) {
    if (approverGroup != null && task.getCandidates().stream().noneMatch(link -> approverGroup.equals(link.getGroupId()))) {
      task.addCandidateGroup(approverGroup);
    }
  }
}
