package com.smeloanflow.servicing;

import java.time.LocalDate;

/**
 * One change of a loan's classification ({@code loan_classification}).
 *
 * @param businessDate   the business date of the change
 * @param source         who classified: {@code DPD_FLOOR} for the daily close's regulatory minimum, {@code RISK_REVIEW}
 *                       for the post-loan risk review (its own level; the loan takes the strictest)
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
}
