package com.smeloanflow.intake;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "登记补充资料" (complete), by the branch when the applicant brings the missing documents. The branch
 * must confirm receipt; the application then goes back to acceptance for a new check. When the task is cancelled
 * instead, {@link DocumentsWaitCancelledListener} locks the application first.
 */
@Component("missingDocumentsTask")
public class MissingDocumentsTaskListener implements TaskListener {

  static final String DOCUMENTS_RECEIVED = "documentsReceived";

  private final AcceptanceService acceptance;

  public MissingDocumentsTaskListener(AcceptanceService acceptance) {
    this.acceptance = acceptance;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    form.requireChecked(DOCUMENTS_RECEIVED, "补充资料已收到");
    form.discard(DOCUMENTS_RECEIVED);
    acceptance.documentsBroughtToBranch(task.getExecution().getProcessBusinessKey(), TaskActor.of(task));
  }
}
