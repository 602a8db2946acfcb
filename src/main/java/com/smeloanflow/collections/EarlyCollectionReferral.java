package com.smeloanflow.collections;

import com.smeloanflow.monitoring.CollectionReferral;
import com.smeloanflow.servicing.ArrearsListener;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A loan post-loan monitoring called in is handed to collections at once, the way the daily close
 * hands an overdue one ({@link CollectionCaseStarter}): a case opens, its process started at once (the
 * referring process reads the case), or an open case reviews its next step. A loan whose reclassification
 * monitoring approved has its open case review its next step at once when the strategy table then chooses another step
 * (a loan reclassified 可疑 or 损失 goes to disposal then, not at its next overdue day); otherwise the case waits as it
 * did ({@link CollectionCaseStarter#reclassified}).
 */
@Component
public class EarlyCollectionReferral implements CollectionReferral {

  private final CollectionCaseStarter starter;
  private final CollectionCaseService cases;
  private final CollectionProcessStarts starts;

  public EarlyCollectionReferral(CollectionCaseStarter starter, CollectionCaseService cases,
      CollectionProcessStarts starts) {
    this.starter = starter;
    this.cases = cases;
    this.starts = starts;
  }

  @Override
  public String refer(String loanId, String branchCode, LocalDate businessDate, int daysPastDue) {
    starter.handOver(businessDate, new ArrearsListener.OverdueLoan(loanId, branchCode, daysPastDue))
        .ifPresent(starts::startNow);
    return cases.openCase(loanId).orElseThrow().caseId();
  }

  @Override
  public Optional<String> reclassified(String loanId) {
    return starter.reclassified(loanId);
  }
}
