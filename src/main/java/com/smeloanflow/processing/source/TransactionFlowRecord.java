package com.smeloanflow.processing.source;

import java.math.BigDecimal;
import java.util.List;

/**
 * Monthly inflows and outflows on the enterprise's settlement accounts (结算流水), CNY, oldest
 * month first, 12 months ending with the last complete month. Empty lists: no data.
 */
public record TransactionFlowRecord(List<BigDecimal> monthlyInflows, List<BigDecimal> monthlyOutflows) {

  public TransactionFlowRecord {
    monthlyInflows = monthlyInflows == null ? List.of() : List.copyOf(monthlyInflows);
    monthlyOutflows = monthlyOutflows == null ? List.of() : List.copyOf(monthlyOutflows);
  }

  public static TransactionFlowRecord noData() {
    return new TransactionFlowRecord(List.of(), List.of());
  }
}
