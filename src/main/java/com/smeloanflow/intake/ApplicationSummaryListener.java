package com.smeloanflow.intake;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPLICATION_ID;

import com.smeloanflow.identity.BranchDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) that puts what a task form shows about the application into task-local
 * variables. Business data stays in the tables; the task carries a read-only copy for its form,
 * which disappears with the task.
 */
@Component("applicationSummary")
public class ApplicationSummaryListener implements TaskListener {

  private final LoanApplicationRepository applications;
  private final BranchDirectory branches;

  public ApplicationSummaryListener(LoanApplicationRepository applications, BranchDirectory branches) {
    this.applications = applications;
    this.branches = branches;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariablesLocal(summary(applications.get(APPLICATION_ID.from(task))));
  }

  /** The summary values, by the names the forms use. */
  public Map<String, Object> summary(LoanApplication a) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("enterpriseName", a.enterpriseName());
    values.put("creditCode", a.creditCode());
    values.put("industryCode", a.industryCode());
    values.put("establishedOn", a.establishedOn().toString());
    values.put("annualRevenue", a.annualRevenue().toPlainString());
    values.put("legalRepName", a.legalRepName());
    values.put("legalRepMobile", a.legalRepMobile());
    values.put("legalRepEmail", a.legalRepEmail());
    values.put("productName", a.product().label());
    values.put("channelName", a.channel().label());
    values.put("branchName", branches.find(a.branchCode()).map(BranchDirectory.Branch::name).orElse(a.branchCode()));
    values.put("requestedAmount", a.requestedAmount().toPlainString());
    values.put("termMonths", a.termMonths());
    values.put("purpose", a.purpose());
    values.put("guaranteeName", a.guaranteeType().label());
    values.put("collateralSummary", a.collateralType() == null ? "无"
        : a.collateralType().label() + " / " + a.collateralDescription() + " / 评估价值 " + a.collateralAppraisedValue().toPlainString() + " 元");
    values.put("requiredDocumentsText", a.requiredDocuments().stream().map(RequiredDocument::label).collect(Collectors.joining("、")));
    values.put("missingDocumentsText", a.missingDocuments().isEmpty() ? "无"
        : a.missingDocuments().stream().map(RequiredDocument::label).collect(Collectors.joining("、")));
    // Which checklist boxes the acceptance form shows: one flag per document, e.g. docBusinessLicenceRequired.
    for (RequiredDocument document : RequiredDocument.values()) {
      values.put(document.formField() + "Required", a.requiredDocuments().contains(document));
    }
    return values;
  }
}
