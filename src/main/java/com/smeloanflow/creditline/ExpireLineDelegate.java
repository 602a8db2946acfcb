package com.smeloanflow.creditline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "办理额度到期": the line is EXPIRED and the borrower mailed. */
@Component("expireCreditLine")
public class ExpireLineDelegate implements JavaDelegate {

  private final CreditLineReviewService reviews;

  public ExpireLineDelegate(CreditLineReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reviews.expire(execution.getProcessBusinessKey());
  }
}
