package com.smeloanflow.casefile;

import java.util.Map;

/**
 * The kinds of check people record on an application ({@code application_check}), with the words staff
 * read for them and their outcomes. Every stage records its checks under one of these.
 */
public enum CheckType {
  CENTRE_REVIEW("集中作业复核", Map.of("CONTINUE", "排除异常, 转人工审批", "REJECT", "拒绝")),
  REMOTE_VERIFICATION("远程核实", Map.of("CONFIRMED", "核实通过", "UNREACHABLE", "无法联系", "FAILED", "核实未通过")),
  FIELD_INVESTIGATION("实地调查", Map.of("CONFIRMED", "调查属实", "FAILED", "调查不属实")),
  APPROVAL("审批", Map.of("APPROVE", "批准", "APPROVE_WITH_CONDITIONS", "附条件批准", "RETURN", "退回补充信息", "REJECT", "拒绝")),
  INFORMATION_PROVIDED("补充信息", Map.of("ANSWERED", "已答复")),
  COMMITTEE_VOTE("贷审会表决", Map.of("APPROVE", "同意", "APPROVE_WITH_CONDITIONS", "附条件同意", "RETURN", "退回补充信息", "REJECT", "不同意")),
  COMMITTEE_RESOLUTION("贷审会决议", Map.of("APPROVE", "批准", "APPROVE_WITH_CONDITIONS", "附条件批准", "RETURN", "退回补充信息", "REJECT", "否决")),
  DISBURSEMENT_CHECK("放款审核", Map.of("CONDITIONS_MET", "满足放款条件", "HOLD", "暂缓放款", "SUPPLEMENT", "需补充资料", "DECLINE", "不予放款")),
  DISBURSEMENT_DOCUMENTS("放款补充资料", Map.of("RECEIVED", "已收到")),
  POST_LOAN_FIRST_CHECK("首次贷后检查", Map.of("NORMAL", "正常", "WATCH", "关注"));

  private final String label;
  private final Map<String, String> outcomes;

  CheckType(String label, Map<String, String> outcomes) {
    this.label = label;
    this.outcomes = outcomes;
  }

  public String label() {
    return label;
  }

  /** The outcome as staff read it, e.g. 核实通过 for CONFIRMED. */
  public String outcomeLabel(String outcome) {
    return outcomes.getOrDefault(outcome, outcome);
  }
}
