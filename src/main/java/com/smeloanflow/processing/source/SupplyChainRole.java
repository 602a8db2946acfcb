package com.smeloanflow.processing.source;

/** Position of the enterprise in a supply chain the bank finances (供应链金融场景). */
public enum SupplyChainRole {
  /** The core enterprise of the chain. */
  CORE,
  /** Direct supplier or distributor of the core enterprise. */
  TIER1,
  /** Supplier or distributor of a tier-1 enterprise. */
  TIER2,
  /** Not in a supply chain the bank finances. */
  NONE
}
