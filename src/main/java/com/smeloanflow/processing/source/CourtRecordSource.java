package com.smeloanflow.processing.source;

/**
 * The courts (执行信息公开网): open enforcement cases and the dishonest-debtor list.
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface CourtRecordSource {

  /**
   * The court data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  CourtRecord fetch(String creditCode);
}
