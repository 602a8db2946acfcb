package com.smeloanflow.processing.source;

/**
 * The bank's view of the enterprise's business scenario: its industry policy and the supply chains
 * it finances. All fields {@code null}: no data.
 */
public record ScenarioRecord(IndustryOutlook industryOutlook, SupplyChainRole supplyChainRole) {

  public static ScenarioRecord noData() {
    return new ScenarioRecord(null, null);
  }
}
