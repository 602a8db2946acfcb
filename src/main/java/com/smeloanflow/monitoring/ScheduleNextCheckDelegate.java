package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.LOAN_ON_BOOKS;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.PERIODIC_CHECK_DUE;

import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "安排下次定期检查": the timer's due date, or the end when the loan is no longer on the books. */
@Component("scheduleNextPostLoanCheck")
public class ScheduleNextCheckDelegate implements JavaDelegate {

  private final PostLoanMonitoringService monitoring;

  public ScheduleNextCheckDelegate(PostLoanMonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<LocalDate> due = monitoring.scheduleNextCheck(execution.getProcessBusinessKey());
    LOAN_ON_BOOKS.set(execution, due.isPresent());
    due.ifPresent(day -> PERIODIC_CHECK_DUE.set(execution, MonitoringPolicy.startOf(day)));
  }
}
