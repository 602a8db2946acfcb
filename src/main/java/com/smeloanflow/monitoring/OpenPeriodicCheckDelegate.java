package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.CHECK_ID;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.SIGNAL_CHECK_OPEN;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "发起定期检查": the periodic check the call activity runs, or none while a check of warning signals is open (it counts
 * as this period's check).
 */
@Component("openPeriodicPostLoanCheck")
public class OpenPeriodicCheckDelegate implements JavaDelegate {

  private final PostLoanCheckService checks;

  public OpenPeriodicCheckDelegate(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<PostLoanCheck> periodic = checks.openPeriodic(execution.getProcessBusinessKey());
    SIGNAL_CHECK_OPEN.set(execution, periodic.isEmpty());
    periodic.ifPresent(check -> CHECK_ID.set(execution, check.checkId()));
  }
}
