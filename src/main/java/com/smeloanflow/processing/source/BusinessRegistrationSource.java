package com.smeloanflow.processing.source;

/**
 * The business registry (国家企业信用信息公示系统 / 工商登记): name, date of establishment, status, industry.
 *
 * <p>The sandbox provider implements it by default; a real adapter replaces it as a {@code @Primary}
 * bean (or with {@code smeloan.external-data.provider} set to something other than {@code sandbox}).
 */
public interface BusinessRegistrationSource {

  /**
   * The business registration data of the enterprise with this unified social credit code; a record whose fields are
   * {@code null} (or empty) when the source has no data about it.
   *
   * @throws com.smeloanflow.processing.ExternalSourceUnavailableException when the source fails or times out
   */
  RegistrationRecord fetch(String creditCode);
}
