package com.smeloanflow.creditline;

import static com.smeloanflow.process.CreditLineReviewProcess.Variables.LINE_EXPIRES;
import static com.smeloanflow.process.CreditLineReviewProcess.Variables.NEXT_REVIEW_DUE;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "排定下次年审": the next anniversary of the line, or the day it expires. */
@Component("scheduleCreditLineReview")
public class ScheduleReviewDelegate implements JavaDelegate {

  private final CreditLineReviewService reviews;

  public ScheduleReviewDelegate(CreditLineReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CreditLineReviewService.NextDate next = reviews.next(execution.getProcessBusinessKey());
    NEXT_REVIEW_DUE.set(execution, Date.from(next.due()));
    LINE_EXPIRES.set(execution, next.expiry());
  }
}
