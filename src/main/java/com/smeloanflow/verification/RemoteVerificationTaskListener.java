package com.smeloanflow.verification;

import com.smeloanflow.platform.InvalidTaskInputException;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.casefile.ApplicationChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "远程核实申请人" task of the remote banking centre (complete). CONFIRMED needs all four checks
 * (identity, business operating, purpose, consent); UNREACHABLE counts an attempt (after 3 a
 * customer manager investigates on site); FAILED sends the case to field investigation at once.
 */
@Component("remoteVerificationTask")
public class RemoteVerificationTaskListener implements TaskListener {

  public static final String CONFIRMED = "CONFIRMED";
  public static final String UNREACHABLE = "UNREACHABLE";
  public static final String FAILED = "FAILED";

  /** Form checkbox → what it confirms. */
  static final Map<String, String> CHECKS = new LinkedHashMap<>();

  static {
    CHECKS.put("identityConfirmed", "身份核实一致");
    CHECKS.put("businessOperating", "企业正常经营");
    CHECKS.put("purposeConfirmed", "贷款用途属实");
    CHECKS.put("consentRecorded", "已取得授权并录音");
  }

  static final String NOTES = "verificationNotes";

  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public RemoteVerificationTaskListener(ApplicationChecks checks, ApplicationHistory history) {
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String outcome = form.choice(VERIFICATION_OUTCOME.name(), "核实结果", Set.of(CONFIRMED, UNREACHABLE, FAILED));
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, String> check : CHECKS.entrySet()) {
      boolean ok = form.checked(check.getKey());
      details.append(check.getValue()).append(ok ? "✓ " : "✗ ");
      if (CONFIRMED.equals(outcome) && !ok) {
        throw new InvalidTaskInputException("核实通过前须确认: " + check.getValue() + " (" + check.getKey() + " must be checked)");
      }
    }
    String notes = form.text(NOTES);
    if (!CONFIRMED.equals(outcome) && notes == null) {
      throw new InvalidTaskInputException("请填写核实情况说明 (" + NOTES + " is required unless confirmed)");
    }
    Integer previous = VERIFICATION_ATTEMPTS.fromOrNull(task);
    int attempt = (previous == null ? 0 : previous) + 1;
    String applicationId = APPLICATION_ID.from(task);
    String verifier = TaskActor.of(task);
    checks.record(applicationId, ApplicationChecks.REMOTE_VERIFICATION, attempt, outcome, verifier, details.toString().trim(), notes);
    history.record(applicationId, verifier, "REMOTE_VERIFICATION_" + outcome, "第 " + attempt + " 次; " + details.toString().trim());
    VERIFICATION_ATTEMPTS.set(task.getExecution(), attempt);
    form.discard(NOTES);
    form.discard(CHECKS.keySet().toArray(String[]::new));
  }
}
