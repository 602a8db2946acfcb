package com.smeloanflow.monitoring;

/** How a check is made: by the remote banking centre, or on site by the branch's customer managers. */
public enum CheckMethod {
  REMOTE("远程核查"),
  ON_SITE("实地检查");

  private final String label;

  CheckMethod(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
