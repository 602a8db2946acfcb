package com.smeloanflow.processing.source;

/**
 * The bank's own default database ({@code internal_default_record}).
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface InternalDefaultSource {

  /**
   * The internal default data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  InternalDefaultHistory fetch(String creditCode);
}
