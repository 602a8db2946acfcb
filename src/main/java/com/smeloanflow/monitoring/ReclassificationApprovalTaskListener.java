package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.RECLASSIFICATION_APPROVED;

import com.smeloanflow.identity.TaskRevocations;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create, assignment, complete) of "审批风险分类调整": four eyes — the proposer does not see the task in
 * Tasklist ({@link TaskRevocations}) and, whatever the client, can neither claim, be assigned nor complete it (403) —
 * then the decision.
 */
@Component("reclassificationApprovalTask")
public class ReclassificationApprovalTaskListener implements TaskListener {

  public static final String DECISION = "reclassificationDecision";
  public static final String NOTE = "reclassificationNote";
  static final String APPROVE = "APPROVE";
  static final String REJECT = "REJECT";

  private final RiskClassificationService classification;

  public ReclassificationApprovalTaskListener(RiskClassificationService classification) {
    this.classification = classification;
  }

  @Override
  public void notify(DelegateTask task) {
    String loanId = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskRevocations.hideFrom(task, classification.pending(loanId).proposedBy());
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (task.getAssignee() != null) {
        classification.requireMayDecide(loanId, task.getAssignee());
      }
      return;
    }
    TaskForm form = TaskForm.of(task);
    boolean approve = APPROVE.equals(form.choice(DECISION, "审批结论", Set.of(APPROVE, REJECT)));
    RECLASSIFICATION_APPROVED.set(task.getExecution(),
        classification.decide(new DecideReclassification(loanId, approve, form.text(NOTE), TaskActor.of(task))));
    form.discard(DECISION, NOTE);
  }
}
