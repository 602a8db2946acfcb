package com.smeloanflow.processing.source;

/** State of a default recorded in the bank's own default database. */
public enum InternalDefaultStatus {
  /** Still owed. */
  OUTSTANDING,
  /** Repaid in full. */
  SETTLED,
  /** Written off as a loss: never repaid. */
  WRITTEN_OFF
}
