package com.smeloanflow.verification;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.casefile.ApplicationChecks;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "实地调查申请人" task of the branch's customer managers (complete): the findings on site confirm the
 * application (it goes on to approval) or not (it is rejected with the findings as reason).
 */
@Component("fieldInvestigationTask")
public class FieldInvestigationTaskListener implements TaskListener {

  public static final String CONFIRMED = "CONFIRMED";
  public static final String FAILED = "FAILED";
  static final String FINDINGS = "investigationFindings";

  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public FieldInvestigationTaskListener(ApplicationChecks checks, ApplicationHistory history) {
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String outcome = form.choice(INVESTIGATION_OUTCOME.name(), "调查结论", Set.of(CONFIRMED, FAILED));
    String findings = form.requiredText(FINDINGS, "实地调查情况");
    String applicationId = APPLICATION_ID.from(task);
    String manager = TaskActor.of(task);
    checks.record(applicationId, ApplicationChecks.FIELD_INVESTIGATION, 1, outcome, manager, null, findings);
    history.record(applicationId, manager, "FIELD_INVESTIGATION_" + outcome, findings);
    if (FAILED.equals(outcome)) {
      ROUTE_REASON.set(task.getExecution(), "实地调查不属实: " + findings);
    }
    form.discard(FINDINGS);
  }
}
