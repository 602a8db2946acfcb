package com.smeloanflow.processing.source;

/**
 * The utilities (水电气): billing history and late payments.
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface UtilitySource {

  /**
   * The utility billing data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  UtilityRecord fetch(String creditCode);
}
