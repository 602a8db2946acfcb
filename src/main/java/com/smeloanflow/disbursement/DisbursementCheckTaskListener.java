package com.smeloanflow.disbursement;

import com.smeloanflow.platform.InvalidTaskInputException;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.approval.ApprovalChecks;
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
 * "审核放款条件" (complete): disbursement operations confirm the conditions before money moves —
 * contract signed, collateral registered where required, approval conditions met. Conditions not
 * met decline the application with the reason.
 */
@Component("disbursementCheckTask")
public class DisbursementCheckTaskListener implements TaskListener {

  public static final String MET = "CONDITIONS_MET";
  public static final String NOT_MET = "CONDITIONS_NOT_MET";
  static final String DECISION = "disbursementDecision";
  static final String NOTES = "disbursementNotes";
  static final Map<String, String> CHECKS = new LinkedHashMap<>();

  static {
    CHECKS.put("contractVerified", "借款合同已签署且要素一致");
    CHECKS.put("collateralVerified", "抵押登记已办妥或无需抵押");
    CHECKS.put("approvalConditionsMet", "审批条件已落实");
  }

  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public DisbursementCheckTaskListener(ApplicationChecks checks, ApplicationHistory history) {
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String decision = form.choice(DECISION, "放款审核结论", Set.of(MET, NOT_MET));
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, String> check : CHECKS.entrySet()) {
      boolean ok = form.checked(check.getKey());
      details.append(check.getValue()).append(ok ? "✓ " : "✗ ");
      if (MET.equals(decision) && !ok) {
        throw new InvalidTaskInputException("放款前须确认: " + check.getValue() + " (" + check.getKey() + " must be checked)");
      }
    }
    String notes = NOT_MET.equals(decision) ? form.requiredText(NOTES, "不满足放款条件的原因") : form.text(NOTES);
    String applicationId = APPLICATION_ID.from(task);
    String checker = TaskActor.of(task);
    checks.record(applicationId, ApprovalChecks.DISBURSEMENT_CHECK, 1, decision, checker, details.toString().trim(), notes);
    history.record(applicationId, checker, "DISBURSEMENT_" + decision, notes);
    DISBURSEMENT_CONDITIONS_MET.set(task.getExecution(), MET.equals(decision));
    if (NOT_MET.equals(decision)) {
      ROUTE_REASON.set(task.getExecution(), "放款条件未满足: " + notes);
    }
    form.discard(DECISION, NOTES);
    form.discard(CHECKS.keySet().toArray(String[]::new));
  }
}
