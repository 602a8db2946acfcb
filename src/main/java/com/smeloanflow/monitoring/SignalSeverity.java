package com.smeloanflow.monitoring;

/** How serious a signal is, by the table {@code warning-signal-severity}: serious ones are checked on site. */
public enum SignalSeverity {
  ORDINARY("一般"),
  SERIOUS("重大");

  private final String label;

  SignalSeverity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
