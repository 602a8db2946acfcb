package com.smeloanflow.monitoring;

import java.math.BigDecimal;

/**
 * What a signal rests on, shown on the check's task: before and after for a change the re-query found,
 * the reporter's reference and details for a pushed signal, and the measures the severity table reads.
 *
 * @param previous             the value before (re-query), e.g. tax rating A
 * @param current              the value now, e.g. tax rating C
 * @param reference            the reporter's reference: a case number, a document, a message id
 * @param details              what happened, in the reporter's words
 * @param taxRating            the new tax rating (TAX_RATING_DROP)
 * @param overdueAmount        CNY overdue with other lenders (OVERDUE_ELSEWHERE)
 * @param openEnforcementCases open enforcement cases (COURT_ENFORCEMENT)
 * @param inflowDropPercent    drop of the last 3 months' inflows against the 12-month average (INFLOW_COLLAPSE)
 */
public record SignalEvidence(String previous, String current, String reference, String details, String taxRating,
    BigDecimal overdueAmount, Integer openEnforcementCases, Integer inflowDropPercent) {

  /** The evidence in one line for staff, e.g. "变化: A → C; 依据: …". */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (previous != null || current != null) {
      append(text, "变化: " + (previous == null ? "无" : previous) + " → " + (current == null ? "无" : current));
    }
    if (overdueAmount != null) {
      append(text, "逾期金额 " + overdueAmount.toPlainString() + " 元");
    }
    if (openEnforcementCases != null && current == null) {
      append(text, "未结被执行案件 " + openEnforcementCases + " 件");
    }
    if (inflowDropPercent != null && current == null) {
      append(text, "流水降幅 " + inflowDropPercent + "%");
    }
    if (taxRating != null && current == null) {
      append(text, "纳税信用等级 " + taxRating);
    }
    if (reference != null) {
      append(text, "文号/编号: " + reference);
    }
    if (details != null) {
      append(text, details);
    }
    return text.isEmpty() ? "—" : text.toString();
  }

  private static void append(StringBuilder text, String part) {
    if (!text.isEmpty()) {
      text.append("; ");
    }
    text.append(part);
  }
}
