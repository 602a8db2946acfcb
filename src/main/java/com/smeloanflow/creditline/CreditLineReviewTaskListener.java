package com.smeloanflow.creditline;

import static com.smeloanflow.process.CreditLineReviewProcess.Variables.REVIEW_OUTCOME;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (complete) of "年审额度": the customer manager's outcome, reason and, for a reduction, the new limit, with
 * which freeze the form showed ({@link CreditLineReviewService#decide} refuses a 维持额度 that would lift another).
 */
@Component("creditLineReviewTask")
public class CreditLineReviewTaskListener implements TaskListener {

  public static final String OUTCOME = "decidedOutcome";
  public static final String LIMIT = "decidedLimit";
  public static final String REASON = "decisionReason";

  private final CreditLineReviewService reviews;

  public CreditLineReviewTaskListener(CreditLineReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    ReviewOutcome outcome = form.choice(OUTCOME, "年审结论", ReviewOutcome.class);
    // Which freeze the form showed (the summary listener recorded it when it read the line): 维持额度 lifts only that one.
    Object freezeShown = task.getVariableLocal(CreditLineReviewSummaryListener.FREEZE_SHOWN);
    REVIEW_OUTCOME.set(task.getExecution(), reviews.decide(new DecideReview(task.getExecution().getProcessBusinessKey(), outcome,
        form.money(LIMIT, "压降后额度"), form.requiredText(REASON, "年审意见"), TaskActor.of(task),
        freezeShown == null ? null : freezeShown.toString())).name());
    form.discard(OUTCOME, LIMIT, REASON);
  }
}
