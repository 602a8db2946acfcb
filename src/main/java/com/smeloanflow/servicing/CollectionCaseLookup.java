package com.smeloanflow.servicing;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The loan's open collection case, for the loan's view: implemented by collections (a later stage),
 * so servicing shows it without depending on collections.
 */
public interface CollectionCaseLookup {

  Optional<CaseSummary> openCaseOf(String loanId);

  /**
   * An open collection case as the loan view shows it.
   *
   * @param caseId      the case
   * @param status      OPEN or LEGAL_ACTION
   * @param statusLabel in Chinese
   * @param openedOn    business date it was opened
   * @param ladderStep  the highest rung reached (0 none ... 5 disposal); null in the channel's view (staff's matter)
   * @param ladderLabel the rung in Chinese; null in the channel's view
   * @param openTasks   the names of its open tasks, e.g. 电话催收; empty in the channel's view
   */
  record CaseSummary(String caseId, String status, String statusLabel, LocalDate openedOn, Integer ladderStep, String ladderLabel,
      java.util.List<String> openTasks) {}
}
