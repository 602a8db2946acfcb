package com.smeloanflow.platform.sla;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an open task stands against its SLA, as Tasklist shows it in the list (the task-local variable
 * {@value #VARIABLE}, set by the SLA code only; the lead's filter 已升级 selects by it).
 */
public enum SlaState {
  /** Before the goal. */
  ON_TRACK("正常"),
  /** The goal passed: the assignee (or, unassigned, the team's leads) was reminded. */
  GOAL_PASSED("已过目标时间"),
  /** The deadline passed: the team's leads were told, the priority raised; repeated while it stays open. */
  ESCALATED("已升级");

  /** The task-local variable Tasklist shows in the list (column 时效). */
  public static final String VARIABLE = "slaState";

  private final String label;

  SlaState(String label) {
    this.label = label;
  }

  /** The value of {@link #VARIABLE}: what staff read. */
  public String label() {
    return label;
  }

  public static Optional<SlaState> ofLabel(String label) {
    return Arrays.stream(values()).filter(state -> state.label.equals(label)).findFirst();
  }
}
