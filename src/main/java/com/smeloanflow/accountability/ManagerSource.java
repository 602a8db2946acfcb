package com.smeloanflow.accountability;

/** Why a customer manager answers for a loan. */
public enum ManagerSource {
  /** The manager worked the whitelist prospect that became the application (白名单营销). */
  WHITELIST("白名单营销"),
  /** The manager investigated the applicant on site before approval (实地调查). */
  FIELD_INVESTIGATION("实地调查");

  private final String label;

  ManagerSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
