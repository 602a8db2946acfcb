package com.smeloanflow.monitoring;

import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of the check tasks of post-loan-check (business key = check id): the loan,
 * its standing and classification, why the check is made and how, and every signal it covers with its
 * evidence, as read-only task-local values for the form.
 */
@Component("postLoanCheckSummary")
public class PostLoanCheckSummaryListener implements TaskListener {

  /** The task-local values it sets besides the loan summary. */
  public static final List<String> FORM_VALUES = List.of("checkNumber", "checkKindName", "checkMethodName", "checkReason",
      "classificationName", "rhythmText", "daysPastDue", "outstandingPrincipal", "arrears", "signalsText", "lastCheckText");

  private final PostLoanCheckService checks;
  private final MonitoredLoanRepository monitored;
  private final LoanAccountService loans;
  private final LoanSummaryListener loanSummary;

  public PostLoanCheckSummaryListener(PostLoanCheckService checks, MonitoredLoanRepository monitored,
      LoanAccountService loans, LoanSummaryListener loanSummary) {
    this.checks = checks;
    this.monitored = monitored;
    this.loans = loans;
    this.loanSummary = loanSummary;
  }

  @Override
  public void notify(DelegateTask task) {
    PostLoanCheck check = checks.get(task.getExecution().getProcessBusinessKey());
    MonitoredLoan loan = monitored.find(check.loanId()).orElseThrow();
    LoanStanding standing = loans.standing(check.loanId()).orElseThrow();
    LoanBalances balances = loans.balances(check.loanId());
    Map<String, Object> values = loanSummary.values(check.loanId());
    values.put("checkNumber", check.checkId());
    values.put("checkKindName", check.kind().label());
    values.put("checkMethodName", check.method().label());
    values.put("checkReason", check.methodReason());
    values.put("classificationName", loan.classification().label());
    values.put("rhythmText", loan.watchListed() ? "观察名单, 每月检查" : "正常, 每季度检查");
    values.put("daysPastDue", String.valueOf(standing.daysPastDue()));
    values.put("outstandingPrincipal", balances.outstandingPrincipal().toPlainString());
    values.put("arrears", balances.arrears().toPlainString());
    List<WarningSignal> signals = checks.signalsOf(check.checkId());
    values.put("signalsText", signals.isEmpty() ? "无预警信号 (" + check.kind().label() + ")"
        : signals.stream().map(s -> "- " + s.describe()).collect(Collectors.joining("\n")));
    values.put("lastCheckText", loan.lastCheckOn() == null ? "尚无检查记录" : "上次检查: " + ChineseDates.day(loan.lastCheckOn()));
    task.setVariablesLocal(values);
  }
}
