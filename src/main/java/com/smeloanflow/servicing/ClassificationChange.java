package com.smeloanflow.servicing;

import java.time.LocalDate;

/**
 * One change of a loan's classification ({@code loan_classification}).
 *
 * @param businessDate   the business date of the change
 * @param source         who classified: {@code DPD_FLOOR} for the daily close's regulatory minimum
 * @param classification the new classification
 * @param previous       the one before
 * @param daysPastDue    days past due at the change
 * @param reason         why, in the words staff read
 */
public record ClassificationChange(LocalDate businessDate, String source, Classification classification,
    Classification previous, int daysPastDue, String reason) {

  /** The daily close's regulatory minimum by days past due. */
  public static final String DPD_FLOOR = "DPD_FLOOR";
}
