package com.smeloanflow.monitoring;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "首次贷后检查" (complete): the remote banking centre records the first check within 30 days of
 * disbursement; a 关注 conclusion puts the loan on the watch list. 正常 needs both boxes ticked
 * ({@link PostLoanCheckService#recordFirstCheck}).
 */
@Component("firstPostLoanCheckTask")
public class FirstPostLoanCheckTaskListener implements TaskListener {

  static final String RESULT = "firstCheckResult";
  static final String NOTES = "firstCheckNotes";
  static final String FUNDS_USED_AS_AGREED = "fundsUsedAsAgreed";
  static final String BUSINESS_NORMAL = "businessNormal";

  private final PostLoanCheckService checks;

  public FirstPostLoanCheckTaskListener(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String result = form.choice(RESULT, "检查结论", java.util.Set.of(CheckOutcome.NORMAL.name(), CheckOutcome.WATCH.name()));
    String notes = form.requiredText(NOTES, "检查情况");
    List<String> ticked = new ArrayList<>();
    if (form.checked(FUNDS_USED_AS_AGREED)) {
      ticked.add(PostLoanCheckService.FUNDS_USED_AS_AGREED);
    }
    if (form.checked(BUSINESS_NORMAL)) {
      ticked.add(PostLoanCheckService.BUSINESS_NORMAL);
    }
    checks.recordFirstCheck(task.getExecution().getProcessBusinessKey(), CheckOutcome.valueOf(result), notes, ticked,
        TaskActor.of(task));
    form.discard(RESULT, NOTES, FUNDS_USED_AS_AGREED, BUSINESS_NORMAL);
  }
}
