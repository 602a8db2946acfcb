package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "裁决贷审会未决事项" (complete): a team lead decides a tied or overdue committee vote. */
@Component("committeeResolutionTask")
public class CommitteeResolutionTaskListener implements TaskListener {

  static final String RESOLUTION = "resolutionDecision";
  static final String NOTES = "resolutionNotes";

  private final ApprovalService approvals;

  public CommitteeResolutionTaskListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String decision = form.choice(RESOLUTION, "裁决结论", Set.of(ApprovalService.APPROVE, ApprovalService.REJECT));
    String notes = form.requiredText(NOTES, "裁决理由");
    String applicationId = APPLICATION_ID.from(task);
    approvals.decide(applicationId, ApprovalChecks.DEADLOCK_RESOLUTION, decision, TaskActor.of(task), null, null, null,
        null, notes);
    APPROVAL_DECISION.set(task.getExecution(), decision);
    if (ApprovalService.REJECT.equals(decision)) {
      ROUTE_REASON.set(task.getExecution(), "贷审会未形成决议, 经主管裁决拒绝: " + notes);
    }
    form.discard(RESOLUTION, NOTES);
  }
}
