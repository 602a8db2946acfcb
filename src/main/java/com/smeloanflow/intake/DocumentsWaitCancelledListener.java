package com.smeloanflow.intake;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A wait for documents is cancelled (delete listener of 登记补充资料 and of 登记放款补充资料: their deadline 补件已超期 /
 * 放款补件已超期 passed, or the channel uploaded the documents): the application's row is locked before the transaction
 * writes anything else, before the task's SLA record that the cancelling closes. The deadline's withdrawal or decline then
 * records it, a row that refers to the application, which the database holds in share mode; an upload
 * ({@link AcceptanceService#documentsUploaded}, the disbursement supplement's upload) locks the application first and
 * then cancels the same task. Had the deadline closed the SLA record before it waited for the application, an upload at
 * that moment waited for that record, and the database aborted one of the two (a deadlock; the upload then failed as
 * well, on the deadline's job its failure had changed). Now the deadline waits for the upload and gives way to it: the
 * application goes back to acceptance or to the disbursement checker, and the deadline's job, which the upload ended,
 * fails on the engine's optimistic lock and is gone.
 */
@Component("documentsWaitCancelled")
public class DocumentsWaitCancelledListener implements TaskListener {

  private final LoanApplicationRepository applications;

  public DocumentsWaitCancelledListener(LoanApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public void notify(DelegateTask task) {
    applications.lock(task.getExecution().getProcessBusinessKey());
  }
}
