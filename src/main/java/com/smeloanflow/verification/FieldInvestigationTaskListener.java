package com.smeloanflow.verification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.FIELD_INVESTIGATION_OUTCOME;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "实地调查申请人" (complete): the customer manager's findings to {@link VerificationService}. */
@Component("fieldInvestigationTask")
public class FieldInvestigationTaskListener implements TaskListener {

  static final String OUTCOME = "investigationOutcome";
  static final String FINDINGS = "investigationFindings";

  private final VerificationService verification;

  public FieldInvestigationTaskListener(VerificationService verification) {
    this.verification = verification;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    VerificationService.InvestigationOutcome outcome = form.choice(OUTCOME, "调查结论", VerificationService.InvestigationOutcome.class);
    verification.recordInvestigation(new VerificationService.Investigation(task.getExecution().getProcessBusinessKey(),
        TaskActor.of(task), outcome, form.text(FINDINGS)));
    form.discard(OUTCOME, FINDINGS);
    FIELD_INVESTIGATION_OUTCOME.set(task.getExecution(), outcome.name());
  }
}
