package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ProcessEndListener;
import com.smeloanflow.process.PostLoanCheckProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * When a post-loan-check instance is cancelled (an operator in Cockpit or over the engine API, custom listeners skipped
 * or not; a migration or modification that deletes it), the signals its check was examining go to a new check
 * ({@link WarningSignalService#checkProcessCancelled}); an instance that ends through an end event is left alone (its
 * check was concluded). Monitoring that is itself being deleted is told so: its own end cancels the check and its
 * signals. A periodic check cancelled alone (a deletion, in a batch or not) is recorded cancelled with who and why, and
 * monitoring, whose call activity the engine cancels with it, goes on to its next periodic check; one whose call activity
 * an operator's modification of monitoring cancels is recorded cancelled the same way, the modification moving
 * monitoring's flow itself ({@link PostLoanMonitoringService#periodicCheckProcessCancelled}).
 * A built-in end listener of every version of the model ({@link ProcessEndListener}), so it is not in the BPMN
 * file.
 */
@Component
public class CheckProcessCancelledListener extends ProcessEndListener {

  private final ObjectProvider<WarningSignalService> signals;
  private final ObjectProvider<PostLoanMonitoringService> monitoring;

  public CheckProcessCancelledListener(ObjectProvider<WarningSignalService> signals,
      ObjectProvider<PostLoanMonitoringService> monitoring) {
    super(PostLoanCheckProcess.KEY);
    this.signals = signals;
    this.monitoring = monitoring;
  }

  @Override
  public void notify(DelegateExecution execution) {
    cancellation(execution).ifPresent(cancelled -> {
      signals.getObject().checkProcessCancelled(execution.getProcessBusinessKey(), cancelled, callerEnding(execution));
      monitoring.getObject().periodicCheckProcessCancelled(execution.getProcessBusinessKey(), cancelled, ending(execution));
    });
  }

  /**
   * A modification that cancels monitoring's only running activity, 定期贷后检查, interrupts monitoring's instance, which
   * deletes the called instance before it marks the call activity ended: so a modification is told apart by its
   * command, not by the call activity ending.
   */
  private static PeriodicCheckEnding ending(DelegateExecution execution) {
    if (callerEnding(execution)) {
      return PeriodicCheckEnding.WITH_ITS_CALLER;
    }
    if (modifiedByOperator()) {
      return PeriodicCheckEnding.CALL_ACTIVITY_MODIFIED;
    }
    return !callingActivityEnding(execution) && deletedByOperator() ? PeriodicCheckEnding.DELETED_ALONE
        : PeriodicCheckEnding.WITH_ITS_CALLER;
  }
}
