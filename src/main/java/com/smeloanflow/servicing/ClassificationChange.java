package com.smeloanflow.servicing;

import java.time.LocalDate;

/**
 * One change of a loan's classification ({@code loan_classification}).
 *
 * @param businessDate   the business date of the change
 * @param source         who classified: {@code DPD_FLOOR} for the daily close's regulatory minimum, {@code RISK_REVIEW}
 *                       for the post-loan risk review (its own level; the loan takes the strictest), {@code SETTLEMENT}
 *                       for the close that settled the loan (its classification ends at 正常), {@code RENEWAL},
 *                       {@code REVERSAL} for a reversal that made the loan past due again between closes
 * @param classification the new classification
 * @param previous       the one before
 * @param daysPastDue    days past due at the change
 * @param reason         why, in the words staff read
 */
public record ClassificationChange(LocalDate businessDate, String source, Classification classification,
    Classification previous, int daysPastDue, String reason) {

  /** The daily close's regulatory minimum by days past due. */
  public static final String DPD_FLOOR = "DPD_FLOOR";
  /** The post-loan risk review (monitoring): the risk-classification table or an approved reclassification. */
  public static final String RISK_REVIEW = "RISK_REVIEW";
  /** A renewal without repaying principal (无还本续贷) opened the loan: kept 正常, not a restructuring. */
  public static final String RENEWAL = "RENEWAL";
  /**
   * The daily close settled the loan (结清): nothing is owed, no credit risk is left, so its classification ends at 正常
   * (the risk review's level too); what it was before stays in the history.
   */
  public static final String SETTLEMENT = "SETTLEMENT";
  /**
   * A reversed repayment (a bounced payment) made the loan past due again between daily closes: the days past due and
   * the regulatory floor restated at once, by the close's rule, as of the last business date a close covered the loan
   * (that close's own row, a {@link #DPD_FLOOR} of the same date, is left as it saw the loan).
   */
  public static final String REVERSAL = "REVERSAL";
}
