package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.casefile.ApplicationChecks;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "补充审批所需信息" (complete): the processing centre answers the approver's question; approval starts again. */
@Component("provideInformationTask")
public class ProvideInformationTaskListener implements TaskListener {

  static final String ANSWER = "informationAnswer";

  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public ProvideInformationTaskListener(ApplicationChecks checks, ApplicationHistory history) {
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String answer = form.requiredText(ANSWER, "补充说明");
    String applicationId = APPLICATION_ID.from(task);
    String clerk = TaskActor.of(task);
    checks.record(applicationId, ApprovalChecks.INFORMATION_PROVIDED, 1, "ANSWERED", clerk, RETURN_QUESTION.fromOrNull(task), answer);
    history.record(applicationId, clerk, "INFORMATION_PROVIDED", answer);
    form.discard(ANSWER);
    task.getExecution().removeVariable(APPROVAL_DECISION.name());
  }
}
