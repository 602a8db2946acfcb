package com.smeloanflow.processing.source;

/**
 * The outside systems the processing centre gathers an enterprise's data from (DESIGN.md §3.1 step
 * 3). The names are also the sections of a sandbox profile and what {@code sandbox.failingSources}
 * lists.
 */
public enum ExternalSource {
  REGISTRATION("工商登记"),
  TAX("税务"),
  BUREAU("征信"),
  COURT("司法(执行及失信)"),
  UTILITIES("水电气缴费"),
  FLOWS("结算流水"),
  INTERNAL_DEFAULTS("本行违约数据库"),
  SCENARIO("行业及供应链");

  private final String label;

  ExternalSource(String label) {
    this.label = label;
  }

  /** Chinese name for staff, e.g. 征信. */
  public String label() {
    return label;
  }
}
