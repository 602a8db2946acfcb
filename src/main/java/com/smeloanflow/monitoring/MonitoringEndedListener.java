package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ProcessEndListener;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When a post-loan-monitoring instance ends, however it ends, the loan's monitoring row follows it
 * ({@link PostLoanMonitoringService#instanceEnded}): an instance an operator deleted or cancelled (Cockpit, engine API,
 * custom listeners skipped or not) leaves its row recorded as monitoring by it, so the row is ended as {@link
 * MonitoredLoan#CANCELLED}, with who cancelled it and the delete reason as far as the engine knew them ({@link
 * Cancellation}); an instance that ended through {@code LoanClosed} (结束贷后监控) finds its row ended already, and this
 * does nothing. A built-in end listener of every version of the model ({@link ProcessEndListener}), so it is not in the
 * BPMN file.
 */
@Component
public class MonitoringEndedListener extends ProcessEndListener {

  private final ObjectProvider<PostLoanMonitoringService> monitoring;

  public MonitoringEndedListener(ObjectProvider<PostLoanMonitoringService> monitoring) {
    super(PostLoanMonitoringProcess.KEY);
    this.monitoring = monitoring;
  }

  @Override
  public void notify(DelegateExecution execution) {
    monitoring.getObject().instanceEnded(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), how(execution),
        cancellation(execution).orElse(new Cancellation(null, null)));
  }
}
