package com.smeloanflow.monitoring;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (create) of post-loan tasks: the loan and borrower, as read-only task-local values for the form. */
@Component("loanSummary")
public class LoanSummaryListener implements TaskListener {

  /** The task-local values it sets, by the names the forms use. */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("borrowerName", "creditCode", "principal",
      "annualRatePercent", "disbursedOn", "maturityDate", "repaymentMethodName", "legalRepName", "legalRepMobile");

  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;

  public LoanSummaryListener(LoanAccountService loans, LoanApplicationRepository applications) {
    this.loans = loans;
    this.applications = applications;
  }

  @Override
  public void notify(DelegateTask task) {
    LoanAccount loan = loans.find(task.getExecution().getProcessBusinessKey()).orElseThrow();
    LoanApplication application = applications.get(loan.applicationId());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("borrowerName", loan.borrowerName());
    values.put("creditCode", loan.creditCode());
    values.put("principal", loan.principal().toPlainString());
    values.put("annualRatePercent", loan.annualRatePercent().stripTrailingZeros().toPlainString());
    values.put("disbursedOn", loan.disbursedOn().toString());
    values.put("maturityDate", loan.maturityDate().toString());
    values.put("repaymentMethodName", loan.repaymentMethod().label());
    values.put("legalRepName", application.legalRepName());
    values.put("legalRepMobile", application.legalRepMobile());
    task.setVariablesLocal(values);
  }
}
