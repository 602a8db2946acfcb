package com.smeloanflow.intake;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.DOCUMENTS_COMPLETE;

import com.smeloanflow.platform.TaskActor;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "受理贷款申请" task: on create the application awaits acceptance; on complete the checklist the
 * acceptor ticked (one boolean per document, see {@link RequiredDocument#formField()}) decides
 * whether the documents are complete.
 */
@Component("acceptanceTask")
public class AcceptanceTaskListener implements TaskListener {

  static final String NOTES = "acceptanceNotes";

  private final AcceptanceService acceptance;
  private final ApplicationStatusUpdater status;

  public AcceptanceTaskListener(AcceptanceService acceptance, ApplicationStatusUpdater status) {
    this.acceptance = acceptance;
    this.status = status;
  }

  @Override
  public void notify(DelegateTask task) {
    String applicationId = APPLICATION_ID.from(task);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      status.set(applicationId, ApplicationStatus.AWAITING_ACCEPTANCE);
      return;
    }
    Set<RequiredDocument> received = EnumSet.noneOf(RequiredDocument.class);
    for (RequiredDocument document : RequiredDocument.values()) {
      if (Boolean.TRUE.equals(task.getVariable(document.formField()))) {
        received.add(document);
      }
    }
    Object notes = task.getVariable(NOTES);
    List<RequiredDocument> missing = acceptance.recordChecklist(applicationId, received, TaskActor.of(task),
        notes == null ? null : notes.toString());
    // The ticks are recorded in the application's tables; the process keeps only the outcome.
    for (RequiredDocument document : RequiredDocument.values()) {
      task.getExecution().removeVariable(document.formField());
    }
    task.getExecution().removeVariable(NOTES);
    DOCUMENTS_COMPLETE.set(task.getExecution(), missing.isEmpty());
  }
}
