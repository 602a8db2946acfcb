package com.smeloanflow.monitoring;

import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanLifecycleListener;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Monitoring's ear on the ledger, in the ledger's transaction: a changed days-past-due floor makes the
 * classification table decide again (so a repaid arrear lowers the classification and a loan falling
 * overdue joins the watch list); a loan settled or written off ends its monitoring, a settled loan's
 * classification ending at 正常 (no credit risk is left; a written-off loan keeps its own); a settled loan a
 * reversed repayment reopened is monitored again, its classification decided by the table again. Loans not under
 * monitoring are left alone.
 */
@Component
public class MonitoringLedgerListener implements LoanLifecycleListener {

  private final MonitoredLoanRepository monitored;
  private final RiskClassificationService classification;
  private final PostLoanMonitoringService monitoring;

  public MonitoringLedgerListener(MonitoredLoanRepository monitored, RiskClassificationService classification,
      PostLoanMonitoringService monitoring) {
    this.monitored = monitored;
    this.classification = classification;
    this.monitoring = monitoring;
  }

  @Override
  public void floorChanged(LocalDate businessDate, List<FloorChange> changes) {
    for (FloorChange change : changes) {
      if (monitored.find(change.loanId()).filter(MonitoredLoan::monitoring).isPresent()) {
        classification.reevaluate(change.loanId(), RiskClassificationService.Cause.FLOOR_CHANGE,
            change.previousFloor() + "->" + change.floor(), "system", RiskClassificationService.TABLE, businessDate);
      }
    }
  }

  @Override
  public void settled(LocalDate businessDate, List<String> loanIds) {
    loanIds.forEach(loanId -> {
      classification.loanSettled(loanId, businessDate);
      monitoring.loanClosed(loanId, LoanAccount.SETTLED, businessDate);
    });
  }

  /**
   * Monitored again, and the risk review decided again: the settlement ended it at 正常 (no credit risk left), the
   * loan is owed again, so the table reads the loan's facts (its last check's conclusion, an approved reclassification)
   * as for any monitored loan; a check that concluded 关注 puts it back on the watch list at once, not at its next check.
   * In the reversal's transaction, which holds the loan's ledger row; the review locks its monitoring row after it.
   */
  @Override
  public void reopened(String loanId, LocalDate businessDate) {
    monitoring.loanReopened(loanId);
    if (monitored.find(loanId).filter(MonitoredLoan::monitoring).isPresent()) {
      classification.reevaluate(loanId, RiskClassificationService.Cause.LOAN_REOPENED, null, "system",
          RiskClassificationService.TABLE, businessDate);
    }
  }

  @Override
  public void writtenOff(String loanId, LocalDate businessDate) {
    monitoring.loanClosed(loanId, LoanAccount.WRITTEN_OFF, businessDate);
  }
}
