package com.smeloanflow.accountability;

import com.smeloanflow.monitoring.ClassificationListener;
import com.smeloanflow.servicing.Classification;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Accountability's ear on the risk review: a loan turned non-performing gets its due-diligence review. */
@Component
class DueDiligenceReviewStarter implements ClassificationListener {

  private final DueDiligenceReviewService reviews;

  DueDiligenceReviewStarter(DueDiligenceReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void classificationChanged(String loanId, Classification previous, Classification current, LocalDate businessDate) {
    reviews.classificationChanged(loanId, previous, current, businessDate);
  }
}
