package com.smeloanflow.intake;

import com.smeloanflow.platform.InvalidTaskInputException;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.platform.TaskActor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "登记补充资料" task, completed by the branch when the applicant brings the missing documents.
 * The branch must confirm receipt; the application then goes back to acceptance for a new check.
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
    if (!Boolean.TRUE.equals(task.getVariable(DOCUMENTS_RECEIVED))) {
      throw new InvalidTaskInputException("请勾选“补充资料已收到”后再完成任务 (documentsReceived must be true)");
    }
    task.getExecution().removeVariable(DOCUMENTS_RECEIVED);
    acceptance.documentsReceived(APPLICATION_ID.from(task), TaskActor.of(task), "网点登记补充资料已收到");
  }
}
