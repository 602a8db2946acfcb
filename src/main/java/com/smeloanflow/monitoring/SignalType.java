package com.smeloanflow.monitoring;

/**
 * Early-warning signals (预警信号) of a loan's borrower. The first six are also found by the monthly
 * re-query of the external data ({@link SignalDetector}); every type may be pushed by another system or
 * a member of staff ({@code POST /api/loans/{loanId}/signals}). How serious each is decides the table
 * {@code warning-signal-severity}.
 */
public enum SignalType {
  TAX_RATING_DROP("纳税信用等级下降"),
  COURT_ENFORCEMENT("新增法院被执行案件"),
  DISHONEST_DEBTOR("列入失信被执行人名单"),
  OVERDUE_ELSEWHERE("他行贷款逾期"),
  INFLOW_COLLAPSE("经营流水大幅下降"),
  LICENCE_STATUS_CHANGE("营业执照被吊销或注销"),
  ACCOUNT_FROZEN("结算账户被冻结"),
  CONTROLLER_UNREACHABLE("实际控制人失联"),
  NEGATIVE_NEWS("负面舆情");

  private final String label;

  SignalType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
