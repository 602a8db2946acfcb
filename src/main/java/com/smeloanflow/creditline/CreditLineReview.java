package com.smeloanflow.creditline;

import com.smeloanflow.servicing.Classification;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One annual review of a line: what the review table saw and decided, and what was decided in the end (by the
 * table, or by a customer manager with a reason).
 *
 * @param reviewId            e.g. LR20271201000001
 * @param lineId              the line
 * @param reviewYear          1 for the first anniversary, 2 for the second
 * @param reviewedOn          the business day of the review
 * @param newScore            the four-dimension score of the external data gathered again
 * @param newGrade            its grade
 * @param worstClassification the worst classification of the line's drawdowns still owing (NORMAL if none)
 * @param maxDaysPastDue      the longest days past due among them
 * @param openSignals         early-warning signals still open on them
 * @param limitBefore         the limit before the review
 * @param usedAtReview        outstanding principal of the drawdowns at the review
 * @param tableOutcome        what the table decided
 * @param tableLimitShare     for REDUCE: the share of the limit kept, in percent
 * @param tableReason         the table's reason
 * @param tableRule           the rule that decided
 * @param personReview        whether a customer manager reviews it
 * @param outcome             the outcome applied (null until decided)
 * @param newLimit            the limit after the review (null until decided)
 * @param decidedBy           "system" (the table) or the customer manager
 * @param decisionReason      the reason (the table's, or the person's)
 * @param decidedAt           when
 */
public record CreditLineReview(
    String reviewId,
    String lineId,
    int reviewYear,
    LocalDate reviewedOn,
    int newScore,
    String newGrade,
    Classification worstClassification,
    int maxDaysPastDue,
    int openSignals,
    BigDecimal limitBefore,
    BigDecimal usedAtReview,
    ReviewOutcome tableOutcome,
    Integer tableLimitShare,
    String tableReason,
    String tableRule,
    boolean personReview,
    ReviewOutcome outcome,
    BigDecimal newLimit,
    String decidedBy,
    String decisionReason,
    Instant decidedAt) {

  public boolean decided() {
    return outcome != null;
  }
}
