package com.smeloanflow.creditline;

import static com.smeloanflow.process.CreditLineReviewProcess.Variables.PERSON_REVIEW;
import static com.smeloanflow.process.CreditLineReviewProcess.Variables.REVIEW_OUTCOME;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "年审评估额度" (asynchronous, retried, then an incident): external data again, the score, the review table. */
@Component("evaluateCreditLine")
public class EvaluateLineDelegate implements JavaDelegate {

  private final CreditLineReviewService reviews;

  public EvaluateLineDelegate(CreditLineReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CreditLineReview review = reviews.evaluate(execution.getProcessBusinessKey());
    PERSON_REVIEW.set(execution, review.personReview());
    REVIEW_OUTCOME.set(execution, review.tableOutcome().name());
  }
}
