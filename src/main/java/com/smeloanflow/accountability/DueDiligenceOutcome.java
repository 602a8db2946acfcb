package com.smeloanflow.accountability;

/** The due-diligence review's finding for one officer of a non-performing loan (尽职免责认定). */
public enum DueDiligenceOutcome {
  /** Duly diligent: not held liable (尽职免责); the loan does not count against the manager's tolerance. */
  EXEMPT("免责"),
  /** Partly diligent: liability reduced, not removed; the loan still counts against the tolerance. */
  PARTIALLY_EXEMPT("部分免责"),
  /** Not diligent: held liable; the loan counts against the tolerance. */
  NOT_EXEMPT("不予免责");

  private final String label;

  DueDiligenceOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Only a full exemption takes the loan out of the manager's non-performing balance. */
  public boolean exemptsFromTolerance() {
    return this == EXEMPT;
  }
}
