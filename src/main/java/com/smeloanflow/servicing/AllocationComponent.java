package com.smeloanflow.servicing;

/**
 * What part of the debt a repayment pays. Overdue parts belong to instalments that are overdue on the
 * value date; current parts to the next instalment not yet due; what is left after both prepays
 * principal ({@link #PREPAID_PRINCIPAL}, always last, not part of a product's order).
 */
public enum AllocationComponent {
  OVERDUE_PENALTY("逾期罚息", true),
  OVERDUE_INTEREST("逾期利息", true),
  OVERDUE_PRINCIPAL("逾期本金", true),
  CURRENT_INTEREST("当期利息", false),
  CURRENT_PRINCIPAL("当期本金", false),
  PREPAID_PRINCIPAL("提前还本", false);

  /** The parts of the debt, in a borrower's words ({@link #debtPart}). */
  static final String PRINCIPAL = "本金";
  static final String INTEREST = "利息";
  static final String PENALTY = "罚息";

  private final String label;
  private final boolean overdue;

  AllocationComponent(String label, boolean overdue) {
    this.label = label;
    this.overdue = overdue;
  }

  public String label() {
    return label;
  }

  public boolean overdue() {
    return overdue;
  }

  /** The part of the debt it pays, in a borrower's words: 本金, 利息 or 罚息. */
  public String debtPart() {
    return switch (this) {
      case OVERDUE_PENALTY -> PENALTY;
      case OVERDUE_INTEREST, CURRENT_INTEREST -> INTEREST;
      case OVERDUE_PRINCIPAL, CURRENT_PRINCIPAL, PREPAID_PRINCIPAL -> PRINCIPAL;
    };
  }
}
