package com.smeloanflow.processing.source;

/**
 * Court records: open enforcement cases (执行案件) and the dishonest-debtor list (失信被执行人).
 * All fields {@code null}: no data.
 */
public record CourtRecord(Integer openEnforcementCases, Boolean dishonestDebtor) {

  public static CourtRecord noData() {
    return new CourtRecord(null, null);
  }
}
