package com.smeloanflow.renewal;

import com.smeloanflow.platform.TaskFormOpening;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create and assignment) of 审批续贷申请, 贷审会委员表决续贷 and 签发续贷贷审会决议: 当前续贷资格, the
 * eligibility table asked again with the loan as it stands ({@link RenewalEligibilityRecheck}), as a read-only task-local
 * value for the form. The other values of the form are the offer's facts ({@link RenewalSummaryListener}); a loan
 * downgraded, in arrears or with a warning signal under check since then reads {@code 不符合 (reason, code): …} here,
 * so that the approver, the chair or a member sees it before deciding rather than when 批准 or 同意 is refused. Asked
 * once when the task is created (a member's vote, created with its member assigned: at that assignment), again when a
 * person claims it or it is assigned, and again each time a person opens it ({@link TaskFormOpening}: a member's vote
 * is never claimed, and may be opened days after the vote opened), written then only when the answer changed.
 */
@Component("renewalEligibilityNow")
public class RenewalEligibilityNowListener implements TaskListener, TaskFormOpening {

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
    if (EVENTNAME_CREATE.equals(task.getEventName()) && task.getAssignee() != null) {
      // Created with its assignee (a member's vote): the assignment event of the same creation asks the table, once.
      return;
    }
    standingNow(task).ifPresent(text -> task.setVariableLocal(TEXT, text));
  }

  /** A task that shows 当前续贷资格 (this listener set it) is opened: asked again, written if it changed. */
  @Override
  public void opening(DelegateTask task) {
    Object shown = task.getVariableLocal(TEXT);
    if (shown != null) {
      standingNow(task).filter(text -> !text.equals(shown)).ifPresent(text -> task.setVariableLocal(TEXT, text));
    }
  }

  private Optional<String> standingNow(DelegateTask task) {
    return renewals.find(task.getExecution().getProcessBusinessKey()).map(recheck::standingText);
  }
}
