package com.smeloanflow.monitoring;

import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) of post-loan tasks of post-loan-monitoring (business key = loan id): the loan
 * and borrower, as read-only task-local values for the form. The check and reclassification tasks add
 * these values to their own ({@link #values}). The product and the branch are Tasklist's 产品 and 网点
 * columns (a team lead sees which branch and product a check belongs to); no form needs to show them. Dates in Chinese
 * (2027年1月7日), as the forms' other text.
 */
@Component("loanSummary")
public class LoanSummaryListener implements TaskListener {

  /** The task-local values it sets, by the names the forms use. */
  public static final List<String> FORM_VALUES = List.of("loanNumber", "borrowerName", "creditCode", "principal",
      "annualRatePercent", "disbursedOn", "maturityDate", "repaymentMethodName", "legalRepName", "legalRepMobile", "productName",
      "branchName");

  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final BranchDirectory branches;

  public LoanSummaryListener(LoanAccountService loans, LoanApplicationRepository applications, BranchDirectory branches) {
    this.loans = loans;
    this.applications = applications;
    this.branches = branches;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(values(task.getExecution().getProcessBusinessKey()));
  }

  /** The loan and its borrower, as the forms show them. */
  public Map<String, Object> values(String loanId) {
    LoanAccount loan = loans.find(loanId).orElseThrow();
    LoanApplication application = applications.get(loan.applicationId());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("loanNumber", loanId);
    values.put("borrowerName", loan.borrowerName());
    values.put("creditCode", loan.creditCode());
    values.put("principal", loan.principal().toPlainString());
    values.put("annualRatePercent", loan.annualRatePercent().stripTrailingZeros().toPlainString());
    values.put("disbursedOn", ChineseDates.day(loan.disbursedOn()));
    values.put("maturityDate", ChineseDates.day(loan.maturityDate()));
    values.put("repaymentMethodName", loan.repaymentMethod().label());
    values.put("legalRepName", application.legalRepName());
    values.put("legalRepMobile", application.legalRepMobile());
    values.put("productName", application.product().label());
    values.put("branchName", branches.find(loan.branchCode()).map(BranchDirectory.Branch::name).orElse(loan.branchCode()));
    return values;
  }
}
