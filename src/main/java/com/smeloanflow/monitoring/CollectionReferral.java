package com.smeloanflow.monitoring;

import java.time.LocalDate;

/**
 * Collections, as monitoring needs it: a called-in loan is handed over before it falls overdue. Declared
 * here, implemented by collections (a later stage), so monitoring does not depend on it.
 */
public interface CollectionReferral {

  /**
   * Opens the loan's collection case now (or asks its open case to review its next step).
   *
   * @return the case id
   */
  String refer(String loanId, String branchCode, LocalDate businessDate, int daysPastDue);
}
