package com.smeloanflow.collections;

/**
 * The rungs of the collection ladder (DESIGN.md §3.3), as the decision table
 * {@code collection-strategy} names them, and the rung each stands for.
 */
public enum CollectionAction {
  /** Nothing to do today: wait for the next daily close. */
  WAIT(0, "等待下次日终复评"),
  /** D+1: a reminder mail to the borrower. */
  REMINDER_MAIL(1, "发送逾期还款提醒"),
  /** D+3: a call by the remote banking centre. */
  PHONE_COLLECTION(2, "电话催收"),
  /** D+15: a visit by the branch's customer manager. */
  FIELD_VISIT(3, "上门催收"),
  /** D+30: a team lead takes the case in hand. */
  TEAM_LEAD_ESCALATION(4, "主管督办"),
  /** D+90: collections proposes legal action or a write-off, approved by another person. */
  PROPOSE_DISPOSAL(5, "提出诉讼或核销建议");

  private final int step;
  private final String label;

  CollectionAction(int step, String label) {
    this.step = step;
    this.label = label;
  }

  /** The ladder step the action stands for (0 for {@link #WAIT}). */
  public int step() {
    return step;
  }

  public String label() {
    return label;
  }

  /** The label of the highest rung reached, e.g. "电话催收" for step 2; "尚未催收" for 0. */
  public static String rungLabel(int step) {
    for (CollectionAction action : values()) {
      if (action.step == step && action != WAIT) {
        return action.label;
      }
    }
    return "尚未催收";
  }
}
