package com.smeloanflow.verification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.REMOTE_VERIFICATION_OUTCOME;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.VERIFICATION_ATTEMPTS;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "远程核实申请人" (complete): the call's outcome and checks to {@link VerificationService}. */
@Component("remoteVerificationTask")
public class RemoteVerificationTaskListener implements TaskListener {

  static final String OUTCOME = "verificationOutcome";
  static final String NOTES = "verificationNotes";

  private final VerificationService verification;

  public RemoteVerificationTaskListener(VerificationService verification) {
    this.verification = verification;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    VerificationService.CallOutcome outcome = form.choice(OUTCOME, "核实结果", VerificationService.CallOutcome.class);
    Set<String> confirmed = VerificationService.CALL_CHECKS.keySet().stream().filter(form::checked).collect(Collectors.toSet());
    int attempt = verification.recordCall(new VerificationService.Call(task.getExecution().getProcessBusinessKey(),
        TaskActor.of(task), outcome, confirmed, form.text(NOTES)));
    form.discard(OUTCOME, NOTES);
    form.discard(VerificationService.CALL_CHECKS.keySet().toArray(String[]::new));
    VERIFICATION_ATTEMPTS.set(task.getExecution(), attempt);
    REMOTE_VERIFICATION_OUTCOME.set(task.getExecution(), outcome.name());
  }
}
