package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_TAKE_OVER_PERIODIC_CHECK;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.CHECK_ID;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.NEW_WARNING_SIGNALS;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "复查外部数据" (monthly, asynchronous: a failing source is retried, then an incident): new signals and
 * the check that covers them, local to this re-query. A periodic check still open is taken over by the next step,
 * 接管定期检查; on a version without that step (up to 1b8f02e, not yet rolled out) it is taken over here, as then.
 */
@Component("requeryExternalData")
public class RequeryExternalDataDelegate implements JavaDelegate {

  private final WarningSignalService signals;
  private final PostLoanMonitoringService monitoring;

  public RequeryExternalDataDelegate(WarningSignalService signals, PostLoanMonitoringService monitoring) {
    this.signals = signals;
    this.monitoring = monitoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<String> checkId = signals.requery(execution.getProcessBusinessKey());
    NEW_WARNING_SIGNALS.setLocal(execution, checkId.isPresent());
    checkId.ifPresent(id -> CHECK_ID.setLocal(execution, id));
    if (checkId.isPresent() && execution.getBpmnModelInstance().getModelElementById(TASK_TAKE_OVER_PERIODIC_CHECK) == null) {
      monitoring.supersedePeriodicCheck(execution.getProcessBusinessKey(), checkId.get(), WarningSignalService.SYSTEM);
    }
  }
}
