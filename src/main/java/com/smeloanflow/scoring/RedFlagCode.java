package com.smeloanflow.scoring;

/**
 * The red flags of the four-dimension model. Hard flags make the application ineligible (the
 * approval-authority table rejects it, the grade is E and the suggested limit 0); soft flags send it
 * to the processing centre, where a person may override them with a reason.
 */
public enum RedFlagCode {
  /** On the courts' dishonest-debtor list (失信被执行人). */
  DISHONEST_DEBTOR(true, "列入失信被执行人名单"),
  /** An amount is overdue at the credit bureau today. */
  BUREAU_CURRENT_OVERDUE(true, "征信当前逾期"),
  /** The enterprise has been deregistered (注销). */
  LICENCE_DEREGISTERED(true, "企业已注销"),
  /** The business licence has been revoked (吊销). */
  LICENCE_REVOKED(true, "营业执照已被吊销"),
  /** A court enforcement case is open against the enterprise. */
  COURT_ENFORCEMENT_OPEN(false, "存在未结执行案件"),
  /** Tax returns are overdue. */
  TAX_OVERDUE_FILINGS(false, "存在逾期未申报纳税"),
  /** The enterprise defaulted with this bank before. */
  INTERNAL_DEFAULT_HISTORY(false, "本行历史违约"),
  /** Inflows of the last 3 months are below half the average of the 9 months before. */
  FLOWS_COLLAPSED(false, "经营流水骤降"),
  /** A source returned no data, or fewer than 12 months of flows. */
  DATA_GAP(false, "外部数据不完整");

  private final boolean hard;
  private final String title;

  RedFlagCode(boolean hard, String title) {
    this.hard = hard;
    this.title = title;
  }

  public boolean hard() {
    return hard;
  }

  public String title() {
    return title;
  }
}
