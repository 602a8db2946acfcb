package com.smeloanflow.creditline;

import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create and assignment) of "年审额度": the line, its drawdowns and what the review table saw and
 * decided, as read-only task-local values for the form.
 *
 * <p>The line's figures (limit, used, reserved, available, over limit, the suggested limit and each drawdown's
 * outstanding principal) come from one reading ({@link CreditLineService#figures}), so they add up, and are read as late
 * as the form lets them be: when the task is created and again whenever it is claimed or assigned, which a customer
 * manager must do before deciding; {@code figuresReadAt} says when. The review's facts (score, classification, days past
 * due, open signals, the limit and what was used then, and the table's outcome) are those the table decided on, on
 * {@code reviewedOn}.
 *
 * <p>With them it records which freeze the form shows ({@link #FREEZE_SHOWN}, not shown itself): a 维持额度 lifts only
 * that one ({@link CreditLineReviewService#decide}); a line frozen after this reading is refused until the task is
 * claimed again and the form reads the line again.
 */
@Component("creditLineReviewSummary")
public class CreditLineReviewSummaryListener implements TaskListener {

  /** The task-local values it sets (the form shows them). */
  public static final List<String> FORM_VALUES = List.of("lineNumber", "borrowerName", "creditCode", "lineStatusName",
      "lineStatusReason", "lineFrozenBy", "creditLimit", "usedAmount",
      "reservedAmount", "availableAmount", "overLimitAmount", "validUntil", "figuresReadAt", "reviewYear", "reviewedOn",
      "limitAtReview", "usedAtReview", "newScore", "newGrade", "worstClassificationName", "maxDaysPastDue", "openSignals",
      "tableOutcomeName", "tableReason", "suggestedLimit", "drawdownsText");

  /** Task-local: the {@link CreditLine#freezeMark} of the line as the form read it. */
  public static final String FREEZE_SHOWN = "lineFreezeShown";

  private final CreditLineService lines;
  private final CreditLineReviewService reviews;

  public CreditLineReviewSummaryListener(CreditLineService lines, CreditLineReviewService reviews) {
    this.lines = lines;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    String lineId = task.getExecution().getProcessBusinessKey();
    CreditLineReview review = reviews.pending(lineId);
    LineFigures figures = lines.figures(lineId);
    Map<String, Object> values = values(figures, review);
    values.put(FREEZE_SHOWN, figures.line().freezeMark());
    task.setVariablesLocal(values);
  }

  static Map<String, Object> values(LineFigures figures, CreditLineReview review) {
    CreditLine line = figures.line();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("lineNumber", line.lineId());
    values.put("borrowerName", line.borrowerName());
    values.put("creditCode", line.creditCode());
    // A frozen line says why (a post-loan check's findings): 维持额度 lifts the freeze, so the manager sees what it lifts.
    values.put("lineStatusName", line.status().label());
    // A line frozen by a check and again by a review has both reasons, more than the engine stores in a form value.
    values.put("lineStatusReason", line.statusReason() == null ? "-" : FormText.shorten(line.statusReason(), FormText.MAX_CHARACTERS));
    values.put("lineFrozenBy", line.frozenBy() == null ? "-" : line.frozenBy() + ", " + ChineseDates.minute(line.frozenAt()));
    values.put("creditLimit", line.limit().toPlainString());
    values.put("usedAmount", figures.used().toPlainString());
    // What pending drawdown requests reserve counts, as in the line's API view and the review's reduction (never below
    // what is drawn or reserved); a line drawn above its limit (a repayment bounced after its principal was drawn
    // again) says by how much, not only 0 available.
    values.put("reservedAmount", figures.reserved().toPlainString());
    values.put("availableAmount", figures.available().toPlainString());
    values.put("overLimitAmount", figures.overLimit().toPlainString());
    // Dates as the drawdowns below and the borrower's mails state them (2029年11月30日), not 2029-11-30 beside them.
    values.put("validUntil", ChineseDates.day(line.validUntil()));
    values.put("figuresReadAt", ChineseDates.minute(figures.readAt()));
    values.put("reviewYear", String.valueOf(review.reviewYear()));
    values.put("reviewedOn", ChineseDates.day(review.reviewedOn()));
    // What the table saw of the line on the day of the review, beside the figures read now: a repayment or drawdown since
    // shows as the difference between the two used amounts.
    values.put("limitAtReview", review.limitBefore().toPlainString());
    values.put("usedAtReview", review.usedAtReview().toPlainString());
    values.put("newScore", String.valueOf(review.newScore()));
    values.put("newGrade", review.newGrade());
    values.put("worstClassificationName", review.worstClassification().label());
    values.put("maxDaysPastDue", String.valueOf(review.maxDaysPastDue()));
    values.put("openSignals", String.valueOf(review.openSignals()));
    values.put("tableOutcomeName", review.tableOutcome().label());
    values.put("tableReason", review.tableReason());
    values.put("suggestedLimit", review.tableLimitShare() == null ? "-" : line.limit()
        .multiply(BigDecimal.valueOf(review.tableLimitShare())).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN).toPlainString());
    values.put("drawdownsText", drawdownsText(figures.drawdowns(), figures::outstanding));
    return values;
  }

  /**
   * The line's drawdowns, oldest first as they were drawn, within {@link FormText#MAX_CHARACTERS} (a line drawn on for
   * years has more than the engine stores in a form value): the newest that fit, starting with how many earlier ones
   * are left out.
   */
  static String drawdownsText(List<Drawdown> drawdowns, Function<Drawdown, BigDecimal> outstanding) {
    return drawdowns.isEmpty() ? "尚无提款" : FormText.newestLast(drawdowns.stream()
        .map(d -> "- " + ChineseDates.day(d.drawnOn()) + ", 借据 " + d.loanId() + ": 提款 " + d.amount().toPlainString() + " 元, "
            + d.termMonths() + " 个月, 未还本金 " + outstanding.apply(d).toPlainString() + " 元")
        .toList(), "提款", FormText.MAX_CHARACTERS);
  }
}
