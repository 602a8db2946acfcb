package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.LOAN_ON_BOOKS;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.PERIODIC_CHECK_DUE;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "安排下次定期检查": the timer's due date. A loan found off the books fails the job (an incident after the retries):
 * settlement and write-off end monitoring through LoanClosed, so monitoring still running is an inconsistency.
 */
@Component("scheduleNextPostLoanCheck")
public class ScheduleNextCheckDelegate implements JavaDelegate {

  private final PostLoanMonitoringService monitoring;

  public ScheduleNextCheckDelegate(PostLoanMonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate due = monitoring.scheduleNextCheck(execution.getProcessBusinessKey());
    PERIODIC_CHECK_DUE.set(execution, MonitoringPolicy.startOf(due));
    LOAN_ON_BOOKS.set(execution, true); // for the gateway of earlier versions of the model
  }
}
