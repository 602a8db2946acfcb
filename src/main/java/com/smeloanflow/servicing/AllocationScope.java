package com.smeloanflow.servicing;

/** How a loan's allocation order applies to several overdue instalments. */
public enum AllocationScope {
  /** 横向: each component across all overdue instalments (oldest first) before the next component. */
  ACROSS_INSTALMENTS,
  /** 逐期: the oldest overdue instalment is paid in full, component by component, before the next one. */
  OLDEST_INSTALMENT_FIRST
}
