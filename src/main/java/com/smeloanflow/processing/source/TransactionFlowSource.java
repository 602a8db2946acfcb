package com.smeloanflow.processing.source;

/**
 * Settlement account flows (结算流水), from core banking or an open-banking feed: 12 monthly inflows and outflows.
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface TransactionFlowSource {

  /**
   * The account flow data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  TransactionFlowRecord fetch(String creditCode);
}
