package com.smeloanflow.disbursement;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "登记放款补充资料" (complete), by the branch when the borrower brings the documents disbursement asked for. When the task
 * is cancelled instead, {@link com.smeloanflow.intake.DocumentsWaitCancelledListener} locks the application first.
 */
@Component("disbursementDocumentsTask")
public class DisbursementDocumentsTaskListener implements TaskListener {

  static final String RECEIVED = "supplementReceived";

  private final DisbursementCheckService checks;

  public DisbursementDocumentsTaskListener(DisbursementCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    form.requireChecked(RECEIVED, "放款补充资料已收到");
    form.discard(RECEIVED);
    checks.supplementReceived(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), "网点登记放款补充资料已收到");
  }
}
