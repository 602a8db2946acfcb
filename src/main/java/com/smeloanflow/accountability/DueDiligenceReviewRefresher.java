package com.smeloanflow.accountability;

import com.smeloanflow.monitoring.CheckDoneListener;
import org.springframework.stereotype.Component;

/**
 * Keeps an open 尽职免责认定 asking about the officers the completion asks about: a post-loan check concluded while the
 * review is open adds a 贷后检查人.
 */
@Component
class DueDiligenceReviewRefresher implements CheckDoneListener {

  private final DueDiligenceReviewService reviews;

  DueDiligenceReviewRefresher(DueDiligenceReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void checkDone(String loanId, String checkId, String checkedBy) {
    reviews.refreshOpenReview(loanId);
  }
}
