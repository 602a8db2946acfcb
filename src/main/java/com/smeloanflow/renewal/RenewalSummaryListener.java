package com.smeloanflow.renewal;

import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.processing.ApprovalRoute;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of 审批续贷申请, 贷审会委员表决续贷 and 签发续贷贷审会决议: the loan, its repayment record, the
 * classification and the fresh score the offer scan found, and the route, as read-only task-local values for the form.
 */
@Component("renewalSummary")
public class RenewalSummaryListener implements TaskListener {

  /** The task-local values it sets besides the loan summary. */
  public static final List<String> FORM_VALUES = List.of("renewalAmountText", "renewalOfferExpiresOn", "renewalRouteName",
      "renewalClassificationName", "renewalOverdueText", "renewalLicenceStatus", "renewalScoreText", "renewalSuggestedLimit",
      "renewalRepaymentRecordText");
  /** Instalments shown, the latest first. */
  static final int INSTALMENTS_SHOWN = 12;

  private final RenewalRepository renewals;
  private final LoanAccountService loans;
  private final LoanSummaryListener loanSummary;

  public RenewalSummaryListener(RenewalRepository renewals, LoanAccountService loans, LoanSummaryListener loanSummary) {
    this.renewals = renewals;
    this.loans = loans;
    this.loanSummary = loanSummary;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(values(task.getExecution().getProcessBusinessKey()));
  }

  Map<String, Object> values(String loanId) {
    LoanRenewal renewal = renewals.find(loanId).orElseThrow();
    LoanRenewal.Eligibility e = renewal.eligibility();
    Map<String, Object> values = loanSummary.values(loanId);
    values.put("renewalAmountText", renewal.renewalAmount().toPlainString());
    values.put("renewalOfferExpiresOn", String.valueOf(renewal.offerExpiresOn()));
    values.put("renewalRouteName", renewal.approvalRoute() == null ? "" : ApprovalRoute.valueOf(renewal.approvalRoute()).label());
    values.put("renewalClassificationName", Classification.valueOf(e.classification()).label());
    values.put("renewalOverdueText", e.monthsSinceLastOverdue() >= LoanRenewal.Eligibility.NEVER_OVERDUE ? "从未逾期"
        : "最近一次逾期距今 " + e.monthsSinceLastOverdue() + " 个月");
    values.put("renewalLicenceStatus", e.licenceStatus());
    values.put("renewalScoreText", e.score() + " 分 (" + e.grade() + " 级" + (e.redFlag() ? ", 有风险信号" : "") + ")");
    values.put("renewalSuggestedLimit", e.suggestedLimit().toPlainString());
    List<LedgerLine> ledger = loans.ledger(loanId);
    values.put("renewalRepaymentRecordText", ledger.stream()
        .sorted((a, b) -> Integer.compare(b.number(), a.number())).limit(INSTALMENTS_SHOWN)
        .map(line -> "- 第" + line.number() + "期, " + ChineseDates.day(line.dueDate()) + "应还 " + line.total().toPlainString() + " 元: "
            + line.status().label() + (line.paidOn() == null ? "" : ", 还清于" + ChineseDates.day(line.paidOn())))
        .collect(Collectors.joining("\n")));
    return values;
  }
}
