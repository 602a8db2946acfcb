package com.smeloanflow.creditline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of "年审额度": the line, its drawdowns and what the review table saw and decided, as
 * read-only task-local values for the form.
 */
@Component("creditLineReviewSummary")
public class CreditLineReviewSummaryListener implements TaskListener {

  /** The task-local values it sets (the form shows them). */
  public static final List<String> FORM_VALUES = List.of("lineNumber", "borrowerName", "creditCode", "creditLimit", "usedAmount",
      "reservedAmount", "overLimitAmount", "validUntil", "reviewYear", "newScore", "newGrade", "worstClassificationName", "maxDaysPastDue", "openSignals",
      "tableOutcomeName", "tableReason", "suggestedLimit", "drawdownsText");

  private final CreditLineService lines;
  private final CreditLineReviewService reviews;

  public CreditLineReviewSummaryListener(CreditLineService lines, CreditLineReviewService reviews) {
    this.lines = lines;
    this.reviews = reviews;
  }

  @Override
  public void notify(DelegateTask task) {
    String lineId = task.getExecution().getProcessBusinessKey();
    CreditLine line = lines.find(lineId).orElseThrow(() -> new CreditLineNotFoundException(lineId));
    CreditLineReview review = reviews.pending(lineId);
    List<Drawdown> drawdowns = lines.drawdowns(lineId);
    Map<String, BigDecimal> outstanding = lines.outstandingByLoan(drawdowns);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("lineNumber", line.lineId());
    values.put("borrowerName", line.borrowerName());
    values.put("creditCode", line.creditCode());
    values.put("creditLimit", line.limit().toPlainString());
    values.put("usedAmount", review.usedAtReview().toPlainString());
    // Drawn above its limit (a repayment bounced after its principal was drawn again) says so, not only 0 available.
    // What pending drawdown requests reserve counts, as in the line's API view (overLimit) and the review's reduction
    // (never below what is drawn or reserved): one computation, CreditLineService#drawnOrReserved.
    BigDecimal drawnOrReserved = lines.drawnOrReserved(lineId);
    values.put("reservedAmount", CreditLineService.reserved(lines.pendingRequests(lineId)).toPlainString());
    values.put("overLimitAmount", CreditLineService.overLimit(line, drawnOrReserved).toPlainString());
    values.put("validUntil", line.validUntil().toString());
    values.put("reviewYear", String.valueOf(review.reviewYear()));
    values.put("newScore", String.valueOf(review.newScore()));
    values.put("newGrade", review.newGrade());
    values.put("worstClassificationName", review.worstClassification().label());
    values.put("maxDaysPastDue", String.valueOf(review.maxDaysPastDue()));
    values.put("openSignals", String.valueOf(review.openSignals()));
    values.put("tableOutcomeName", review.tableOutcome().label());
    values.put("tableReason", review.tableReason());
    values.put("suggestedLimit", review.tableLimitShare() == null ? "-" : line.limit()
        .multiply(BigDecimal.valueOf(review.tableLimitShare())).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN).toPlainString());
    values.put("drawdownsText", drawdowns.isEmpty() ? "尚无提款" : String.join("\n", drawdowns.stream()
        .map(d -> "- " + d.drawnOn() + " 借据 " + d.loanId() + ": 提款 " + d.amount().toPlainString() + " 元, "
            + d.termMonths() + " 个月, 未还本金 " + outstanding.getOrDefault(d.loanId(), BigDecimal.ZERO).toPlainString() + " 元")
        .toList()));
    task.setVariablesLocal(values);
  }
}
