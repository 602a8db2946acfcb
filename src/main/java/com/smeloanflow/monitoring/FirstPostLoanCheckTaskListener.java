package com.smeloanflow.monitoring;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "首次贷后检查" (complete): the remote banking centre records the first check within 30 days of disbursement. */
@Component("firstPostLoanCheckTask")
public class FirstPostLoanCheckTaskListener implements TaskListener {

  static final String RESULT = "firstCheckResult";
  static final String NOTES = "firstCheckNotes";
  static final String FUNDS_USED_AS_AGREED = "fundsUsedAsAgreed";
  static final String BUSINESS_NORMAL = "businessNormal";

  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final LoanAccountService loans;

  public FirstPostLoanCheckTaskListener(ApplicationChecks checks, ApplicationHistory history, LoanAccountService loans) {
    this.checks = checks;
    this.history = history;
    this.loans = loans;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    String result = form.choice(RESULT, "检查结论", Set.of("NORMAL", "WATCH"));
    String notes = form.requiredText(NOTES, "检查情况");
    String details = "资金按约定用途使用 " + (form.checked(FUNDS_USED_AS_AGREED) ? "✓" : "✗") + ", 经营正常 "
        + (form.checked(BUSINESS_NORMAL) ? "✓" : "✗");
    String loanId = task.getExecution().getProcessBusinessKey();
    String applicationId = loans.find(loanId).orElseThrow().applicationId();
    String checker = TaskActor.of(task);
    checks.record(applicationId, CheckType.POST_LOAN_FIRST_CHECK, 1, result, checker, details, notes);
    history.record(applicationId, checker, "POST_LOAN_FIRST_CHECK_" + result, loanId + ": " + notes);
    form.discard(RESULT, NOTES, FUNDS_USED_AS_AGREED, BUSINESS_NORMAL);
  }
}
