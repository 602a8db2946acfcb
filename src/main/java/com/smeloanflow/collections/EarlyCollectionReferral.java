package com.smeloanflow.collections;

import com.smeloanflow.monitoring.CollectionReferral;
import com.smeloanflow.servicing.ArrearsListener;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A loan post-loan monitoring called in is handed to collections at once, the way the daily close
 * hands an overdue one ({@link CollectionCaseStarter}): a case opens, or an open case reviews its next step.
 */
@Component
public class EarlyCollectionReferral implements CollectionReferral {

  private final CollectionCaseStarter starter;
  private final CollectionCaseService cases;

  public EarlyCollectionReferral(CollectionCaseStarter starter, CollectionCaseService cases) {
    this.starter = starter;
    this.cases = cases;
  }

  @Override
  public String refer(String loanId, String branchCode, LocalDate businessDate, int daysPastDue) {
    starter.overdue(businessDate, List.of(new ArrearsListener.OverdueLoan(loanId, branchCode, daysPastDue)));
    return cases.openCase(loanId).orElseThrow().caseId();
  }
}
