package com.smeloanflow.collections;

/** After a legal follow-up: follow it up again in 30 days, or propose a write-off (nothing left to recover). */
public enum LegalNextStep {
  CONTINUE,
  PROPOSE_WRITE_OFF
}
