package com.smeloanflow.servicing;

/** Where an instalment of the schedule stands. */
public enum InstalmentStatus {
  /** Not yet due (or due and not yet closed by the daily close), something still to pay. */
  DUE("未到期"),
  /** Due, and principal, interest or penalty interest still unpaid. */
  OVERDUE("逾期"),
  /** Nothing left to pay. */
  PAID("已还清");

  private final String label;

  InstalmentStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
