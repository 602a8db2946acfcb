package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_OUTCOME;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "补充审批所需信息" (complete): the processing centre answers the question; approval starts again. */
@Component("provideInformationTask")
public class ProvideInformationTaskListener implements TaskListener {

  static final String ANSWER = "informationAnswer";

  private final ApprovalService approvals;

  public ProvideInformationTaskListener(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    approvals.informationProvided(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), form.text(ANSWER));
    form.discard(ANSWER);
    APPROVAL_OUTCOME.remove(task.getExecution());
  }
}
