package com.smeloanflow.processing;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.EXCEPTION_REVIEW_OUTCOME;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "复核异常申请" (complete): the form's conclusion to {@link ExceptionReviewService}. */
@Component("exceptionReviewTask")
public class ExceptionReviewTaskListener implements TaskListener {

  static final String DECISION = "reviewDecision";
  static final String NOTES = "reviewNotes";
  static final String CUSTOMER_REASON = "reviewCustomerReason";

  private final ExceptionReviewService reviews;

  public ExceptionReviewTaskListener(ExceptionReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    ExceptionReviewService.Decision decision = form.choice(DECISION, "复核结论", ExceptionReviewService.Decision.class);
    reviews.review(new ExceptionReviewService.Review(task.getExecution().getProcessBusinessKey(), TaskActor.of(task), decision,
        form.text(NOTES), form.optionalChoice(CUSTOMER_REASON, "告知客户的原因", com.smeloanflow.casefile.CustomerReason.class)));
    form.discard(DECISION, NOTES, CUSTOMER_REASON);
    EXCEPTION_REVIEW_OUTCOME.set(task.getExecution(), decision.name());
  }
}
