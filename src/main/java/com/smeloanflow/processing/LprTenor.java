package com.smeloanflow.processing;

/** The two Loan Prime Rates (贷款市场报价利率): 1-year, and over 5 years for long loans. */
public enum LprTenor {
  ONE_YEAR("1年期LPR"),
  FIVE_YEAR("5年期以上LPR");

  /** Loans longer than this are priced on the 5-year LPR. */
  public static final int FIVE_YEAR_ABOVE_MONTHS = 60;

  private final String label;

  LprTenor(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static LprTenor forTerm(int termMonths) {
    return termMonths > FIVE_YEAR_ABOVE_MONTHS ? FIVE_YEAR : ONE_YEAR;
  }
}
