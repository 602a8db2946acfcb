package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationChecks;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "复核异常申请" task of the processing centre (complete): CONTINUE overrides the soft red flags or
 * the duplicate flag, and the route is decided again without them; REJECT declines the application
 * with the reviewer's reason. Either way the reviewer's notes are required and recorded.
 */
@Component("exceptionReviewTask")
public class ExceptionReviewTaskListener implements TaskListener {

  public static final String CONTINUE = "CONTINUE";
  public static final String REJECT = "REJECT";
  static final String NOTES = "reviewNotes";

  private final ApplicationChecks checks;
  private final ApplicationHistory history;

  public ExceptionReviewTaskListener(ApplicationChecks checks, ApplicationHistory history) {
    this.checks = checks;
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String decision = form.choice(REVIEW_DECISION.name(), "复核结论", Set.of(CONTINUE, REJECT));
    String notes = form.requiredText(NOTES, "复核意见");
    String applicationId = APPLICATION_ID.from(task);
    String reviewer = TaskActor.of(task);
    String flags = "redFlag=" + RED_FLAG.fromOrNull(task) + ", duplicateFound=" + DUPLICATE_FOUND.fromOrNull(task);
    checks.record(applicationId, ApplicationChecks.CENTRE_REVIEW, 1, decision, reviewer, flags, notes);
    if (CONTINUE.equals(decision)) {
      history.record(applicationId, reviewer, "FLAGS_OVERRIDDEN", notes);
      RED_FLAG.set(task.getExecution(), false);
      DUPLICATE_FOUND.set(task.getExecution(), false);
    } else {
      ROUTE_REASON.set(task.getExecution(), "集中作业中心复核拒绝: " + notes);
    }
    form.discard(NOTES);
  }
}
