package com.smeloanflow.accountability;

import com.smeloanflow.monitoring.CheckDoneListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps an open 尽职免责认定 asking about the officers the completion asks about: a post-loan check concluded while the
 * review is open adds a 贷后检查人, and at startup the review tasks opened before their form knew whether the loan has
 * a customer manager ({@code hasCustomerManager}), an approver ({@code hasApprover}) or a post-loan checker
 * ({@code hasPostLoanChecker}) are shown anew.
 */
@Component
class DueDiligenceReviewRefresher implements CheckDoneListener {

  private static final Logger log = LoggerFactory.getLogger(DueDiligenceReviewRefresher.class);

  private final DueDiligenceReviewService reviews;

  DueDiligenceReviewRefresher(DueDiligenceReviewService reviews) {
    this.reviews = reviews;
  }

  @Override
  public void checkDone(String loanId, String checkId, String checkedBy) {
    reviews.refreshOpenReview(loanId);
  }

  /** The upgrade of open review tasks; idempotent, so every start runs it. */
  @EventListener(ApplicationReadyEvent.class)
  void upgradeOpenReviews() {
    int upgraded = reviews.upgradeOpenReviews();
    if (upgraded > 0) {
      log.info("Upgrade: {} open due-diligence review task(s) shown anew with hasCustomerManager, hasApprover and"
          + " hasPostLoanChecker", upgraded);
    }
  }
}
