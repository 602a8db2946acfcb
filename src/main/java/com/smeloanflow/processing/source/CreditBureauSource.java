package com.smeloanflow.processing.source;

/**
 * The credit bureau (人民银行征信中心): current overdue, worst days past due, loans, enquiries.
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface CreditBureauSource {

  /**
   * The credit bureau data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  BureauRecord fetch(String creditCode);
}
