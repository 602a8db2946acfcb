package com.smeloanflow.servicing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a repayment did to a loan's ledger.
 *
 * @param lines            where the money went, in the order it was applied
 * @param after            every instalment after the repayment
 * @param scheduleBefore   the instalments a prepayment recomputed, as they were before (empty without prepayment)
 * @param prepaidPrincipal principal paid ahead of the schedule (0.00 without prepayment)
 * @param arrearsCleared   the loan was overdue before and nothing is overdue after
 * @param paidOff          nothing is left to pay
 */
public record Allocation(
    List<AllocationLine> lines,
    List<LedgerLine> after,
    List<Instalment> scheduleBefore,
    BigDecimal prepaidPrincipal,
    boolean arrearsCleared,
    boolean paidOff) {

  public Allocation {
    lines = List.copyOf(lines);
    after = List.copyOf(after);
    scheduleBefore = List.copyOf(scheduleBefore);
  }

  public boolean scheduleRecomputed() {
    return !scheduleBefore.isEmpty();
  }
}
