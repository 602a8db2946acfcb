package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.platform.InvalidTaskInputException;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * The processing centre's review of an application with soft red flags or a duplicate (复核异常申请):
 * CONTINUE clears the flags for routing but marks the application as reviewed by a person, so the
 * model never approves it (approval-authority routes it to a person); REJECT declines it with the
 * reviewer's internal notes and a customer reason staff may choose ({@link CustomerReason#FOR_DECLINE_BY_STAFF}).
 */
@Service
public class ExceptionReviewService {

  /** The centre's conclusion. */
  public enum Decision {
    CONTINUE, REJECT
  }

  /** A review as the reviewer entered it. */
  public record Review(String applicationId, String reviewer, Decision decision, String notes, CustomerReason customerReason) {
    public Review {
      Objects.requireNonNull(decision, "decision");
    }
  }

  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final ProcessingOutcomes outcomes;
  private final DeclineService declines;

  public ExceptionReviewService(ApplicationChecks checks, ApplicationHistory history, ProcessingOutcomes outcomes,
      DeclineService declines) {
    this.checks = checks;
    this.history = history;
    this.outcomes = outcomes;
    this.declines = declines;
  }

  public void review(Review review) {
    if (review.notes() == null || review.notes().isBlank()) {
      throw new InvalidTaskInputException("请填写复核意见 (reviewNotes is required)");
    }
    if (review.decision() == Decision.REJECT
        && (review.customerReason() == null || !CustomerReason.FOR_DECLINE_BY_STAFF.contains(review.customerReason()))) {
      throw new InvalidTaskInputException("拒绝时请选择告知客户的原因 (reviewCustomerReason must be one of "
          + CustomerReason.FOR_DECLINE_BY_STAFF + ")");
    }
    ProcessingOutcomes.Outcome outcome = outcomes.get(review.applicationId());
    String flags = (outcome.duplicateOf() == null ? "" : "疑似重复申请 " + outcome.duplicateOf() + "; ")
        + "复核前审批路径: " + (outcome.approvalRoute() == null ? "未定" : outcome.approvalRoute().label());
    checks.record(review.applicationId(), CheckType.CENTRE_REVIEW, 1, review.decision().name(), review.reviewer(), flags,
        review.notes());
    if (review.decision() == Decision.CONTINUE) {
      outcomes.markExceptionReviewed(review.applicationId());
      history.record(review.applicationId(), review.reviewer(), "FLAGS_OVERRIDDEN", review.notes());
    } else {
      declines.decline(DeclineService.Decline.rejection(review.applicationId(), Stage.PROCESSING, review.reviewer(),
          "集中作业中心复核拒绝: " + review.notes(), review.customerReason()));
    }
  }
}
