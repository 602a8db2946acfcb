package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Variables.CHECK_ID;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "发起定期检查": the periodic check the call activity runs. */
@Component("openPeriodicPostLoanCheck")
public class OpenPeriodicCheckDelegate implements JavaDelegate {

  private final PostLoanCheckService checks;

  public OpenPeriodicCheckDelegate(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CHECK_ID.set(execution, checks.open(execution.getProcessBusinessKey(), CheckKind.PERIODIC, List.of()).checkId());
  }
}
