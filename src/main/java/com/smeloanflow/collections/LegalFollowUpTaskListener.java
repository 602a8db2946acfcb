package com.smeloanflow.collections;

import static com.smeloanflow.process.CollectionProcess.Variables.LEGAL_NEXT_STEP;

import com.smeloanflow.platform.ExecutionTree;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (complete) of "跟进诉讼进展": records the progress; follow up in 30 days, or propose a write-off. */
@Component("legalFollowUpTask")
public class LegalFollowUpTaskListener implements TaskListener {

  public static final String PROGRESS = "legalProgress";
  public static final String NOTES = "legalNotes";

  private final CollectionCaseService cases;

  public LegalFollowUpTaskListener(CollectionCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    ExecutionTree.readBeforeALockWait(task);
    TaskForm form = TaskForm.of(task);
    LegalNextStep next = LegalNextStep.valueOf(form.choice(PROGRESS, "诉讼后续",
        Set.of(LegalNextStep.CONTINUE.name(), LegalNextStep.PROPOSE_WRITE_OFF.name())));
    cases.recordLegalProgress(task.getExecution().getProcessBusinessKey(), next, form.text(NOTES), TaskActor.of(task));
    LEGAL_NEXT_STEP.set(task.getExecution(), next.name());
    form.discard(PROGRESS, NOTES);
  }
}
