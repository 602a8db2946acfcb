package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.CHECK_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "接管定期检查" (asynchronous, after the re-query committed): the check of the signals the re-query found takes over a
 * periodic check still open, reported by {@link WarningSignalService#SYSTEM}; nothing when none is open.
 */
@Component("takeOverPeriodicCheck")
public class TakeOverPeriodicCheckDelegate implements JavaDelegate {

  private final PostLoanMonitoringService monitoring;

  public TakeOverPeriodicCheckDelegate(PostLoanMonitoringService monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    monitoring.supersedePeriodicCheck(execution.getProcessBusinessKey(), CHECK_ID.from(execution), WarningSignalService.SYSTEM);
  }
}
