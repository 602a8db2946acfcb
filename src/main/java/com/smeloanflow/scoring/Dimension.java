package com.smeloanflow.scoring;

/**
 * The four dimensions of the bank's SME score (DESIGN.md §5) and the most points each can give.
 * The maxima add up to {@link #TOTAL_MAX} = 1000.
 *
 * <ul>
 *   <li>{@link #OPERATING} 300: stability and trend of monthly inflows, sales against the requested
 *       amount, years in business.
 *   <li>{@link #CREDIT} 350: credit bureau, tax rating and filings, court records, the bank's own
 *       default database.
 *   <li>{@link #BEHAVIOUR} 200: settlement habits seen in the account flows, utility bills paid on
 *       time.
 *   <li>{@link #SCENARIO} 150: industry outlook and position in a supply chain.
 * </ul>
 */
public enum Dimension {
  OPERATING(300, "经营"),
  CREDIT(350, "信用"),
  BEHAVIOUR(200, "行为"),
  SCENARIO(150, "场景");

  public static final int TOTAL_MAX = 1000;

  private final int maxPoints;
  private final String label;

  Dimension(int maxPoints, String label) {
    this.maxPoints = maxPoints;
    this.label = label;
  }

  public int maxPoints() {
    return maxPoints;
  }

  /** Chinese name shown to staff, e.g. 经营. */
  public String label() {
    return label;
  }
}
