package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.Classification;
import java.time.LocalDate;

/**
 * What a later stage (accountability's due-diligence review) hears when the risk review changes a loan's
 * classification, without monitoring depending on it. Called inside the transaction of the change, so
 * what the listener does is kept or rolled back with it.
 */
public interface ClassificationListener {

  /**
   * The risk review classified the loan anew.
   *
   * @param loanId       the loan
   * @param previous     its classification before
   * @param current      its classification now
   * @param businessDate the business date of the change
   */
  void classificationChanged(String loanId, Classification previous, Classification current, LocalDate businessDate);
}
