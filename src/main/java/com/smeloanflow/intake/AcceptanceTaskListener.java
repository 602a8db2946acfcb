package com.smeloanflow.intake;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.DOCUMENTS_COMPLETE;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "受理贷款申请" (complete): the checklist the acceptor ticked (one checkbox per document, see
 * {@link RequiredDocument#formField()}) is recorded; the process keeps only whether it is complete.
 */
@Component("acceptanceTask")
public class AcceptanceTaskListener implements TaskListener {

  static final String NOTES = "acceptanceNotes";

  private final AcceptanceService acceptance;

  public AcceptanceTaskListener(AcceptanceService acceptance) {
    this.acceptance = acceptance;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    Set<RequiredDocument> received = EnumSet.noneOf(RequiredDocument.class);
    for (RequiredDocument document : RequiredDocument.values()) {
      if (form.checked(document.formField())) {
        received.add(document);
      }
    }
    List<RequiredDocument> missing = acceptance.recordChecklist(new AcceptanceService.Checklist(
        task.getExecution().getProcessBusinessKey(), received, TaskActor.of(task), form.text(NOTES)));
    form.discard(NOTES);
    form.discard(java.util.Arrays.stream(RequiredDocument.values()).map(RequiredDocument::formField).toArray(String[]::new));
    DOCUMENTS_COMPLETE.set(task.getExecution(), missing.isEmpty());
  }
}
