package com.smeloanflow.renewal;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create and assignment) of 审批续贷申请, 贷审会委员表决续贷 and 签发续贷贷审会决议: 当前续贷资格, the
 * eligibility table asked again with the loan as it stands ({@link RenewalEligibilityRecheck}), as a read-only task-local
 * value for the form. The other values of the form are the offer's facts ({@link RenewalSummaryListener}); a loan
 * downgraded, in arrears or with a warning signal under check since then reads {@code 不符合 (reason, code): …} here,
 * refreshed when a person claims the task, so that the approver or the chair sees it before deciding rather than when
 * 批准 is refused. A member's vote task is assigned when the vote opens: it shows the answer as of then.
 */
@Component("renewalEligibilityNow")
public class RenewalEligibilityNowListener implements TaskListener {

  /** The task-local value: {@code 符合} or {@code 不符合 (…)}. */
  public static final String TEXT = "renewalEligibilityNowText";
  /** The task-local values it sets. */
  public static final List<String> FORM_VALUES = List.of(TEXT);

  private final RenewalRepository renewals;
  private final RenewalEligibilityRecheck recheck;

  public RenewalEligibilityNowListener(RenewalRepository renewals, RenewalEligibilityRecheck recheck) {
    this.renewals = renewals;
    this.recheck = recheck;
  }

  @Override
  public void notify(DelegateTask task) {
    renewals.find(task.getExecution().getProcessBusinessKey())
        .ifPresent(renewal -> task.setVariableLocal(TEXT, recheck.standingText(renewal)));
  }
}
