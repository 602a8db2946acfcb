package com.smeloanflow.creditline;

import static com.smeloanflow.process.CreditLineReviewProcess.Variables.REVIEW_OUTCOME;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "执行年审结论": the line updated and the borrower mailed. */
@Component("applyCreditLineReview")
public class ApplyReviewDelegate implements JavaDelegate {

  private final CreditLineReviewService reviews;

  public ApplyReviewDelegate(CreditLineReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    REVIEW_OUTCOME.set(execution, reviews.apply(execution.getProcessBusinessKey()).name());
  }
}
