package com.smeloanflow.monitoring;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Collections, as monitoring needs it: a called-in loan is handed over before it falls overdue, and a loan's
 * approved reclassification is told to its open case. Declared here, implemented by collections (a later stage), so
 * monitoring does not depend on it.
 */
public interface CollectionReferral {

  /**
   * Opens the loan's collection case now (or asks its open case to review its next step).
   *
   * @return the case id
   */
  String refer(String loanId, String branchCode, LocalDate businessDate, int daysPastDue);

  /**
   * The loan's reclassification was approved and is in force: its open collection case, if it waits for its next
   * review and the collection strategy chooses another next step with the new classification, reviews its next step
   * now, as at a daily close; otherwise it waits as it did. A case on a rung's task or further on goes on as it is; a
   * loan without an open case has nothing to review. Safe to repeat.
   *
   * @return what the case did, in Chinese (e.g. 风险分类调整为次级, 催收安排不变 (…)); empty when the loan has no open case
   */
  Optional<String> reclassified(String loanId);
}
