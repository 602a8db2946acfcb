package com.smeloanflow.processing.source;

/** Status of an enterprise in the business registry (企业登记状态). */
public enum RegistrationStatus {
  /** 存续: trading. */
  ACTIVE,
  /** 吊销: licence revoked by the regulator. */
  REVOKED,
  /** 注销: the enterprise no longer exists. */
  DEREGISTERED
}
