package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.CHECK_ID;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.NEW_WARNING_SIGNALS;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "复查外部数据" (monthly, asynchronous: a failing source is retried, then an incident): new signals and
 * the check that covers them, local to this re-query.
 */
@Component("requeryExternalData")
public class RequeryExternalDataDelegate implements JavaDelegate {

  private final WarningSignalService signals;

  public RequeryExternalDataDelegate(WarningSignalService signals) {
    this.signals = signals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Optional<String> checkId = signals.requery(execution.getProcessBusinessKey());
    NEW_WARNING_SIGNALS.setLocal(execution, checkId.isPresent());
    checkId.ifPresent(id -> CHECK_ID.setLocal(execution, id));
  }
}
