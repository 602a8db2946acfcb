package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.RENEW_DUE;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (complete) of 复核续贷金额: the reviewer's decision (RenewalAmountReviewService). */
@Component("reviewRenewalAmountTask")
public class ReviewRenewalAmountTaskListener implements TaskListener {

  public static final String DECISION = "renewalAmountDecision";
  public static final String NOTE = "renewalAmountReviewNote";

  private final RenewalAmountReviewService reviews;

  public ReviewRenewalAmountTaskListener(RenewalAmountReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    boolean renewDue = LoanRenewal.RENEW_DUE.equals(form.choice(DECISION, "复核结论",
        Set.of(LoanRenewal.RENEW_DUE, LoanRenewal.LAPSE)));
    RENEW_DUE.set(task.getExecution(), reviews.review(new ReviewRenewalAmount(task.getExecution().getProcessBusinessKey(),
        renewDue, form.text(NOTE), TaskActor.of(task))));
    form.discard(DECISION, NOTE);
  }
}
