package com.smeloanflow.disbursement;

import static org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_DELETE;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "登记放款补充资料" (complete), by the branch when the borrower brings the documents disbursement asked for. When the task
 * is cancelled instead (delete: the deadline 放款补件已超期, or the channel's upload), the application's row is locked first
 * ({@link DisbursementCheckService#supplementNoLongerAwaited}).
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
    if (EVENTNAME_DELETE.equals(task.getEventName())) {
      checks.supplementNoLongerAwaited(task.getExecution().getProcessBusinessKey());
      return;
    }
    TaskForm form = TaskForm.of(task);
    form.requireChecked(RECEIVED, "放款补充资料已收到");
    form.discard(RECEIVED);
    checks.supplementReceived(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), "网点登记放款补充资料已收到");
  }
}
