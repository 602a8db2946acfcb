package com.smeloanflow.intake;

import com.smeloanflow.casefile.TaskSummaryContributor;
import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.platform.IndustryClassification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Intake's part of what every task form shows: the application as submitted and accepted. */
@Component
@Order(10)
public class ApplicationSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (plus one {@code <document>Required} flag per document). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("applicationId", "enterpriseName", "creditCode", "industryCode", "industryText", "establishedOn", "annualRevenue", "legalRepName", "legalRepMobile", "legalRepEmail", "productName", "channelName", "branchName", "requestedAmount", "termMonths", "purpose", "guaranteeName", "collateralSummary", "guarantorsText", "requiredDocumentsText", "missingDocumentsText");

  private final LoanApplicationRepository applications;
  private final BranchDirectory branches;

  public ApplicationSummary(LoanApplicationRepository applications, BranchDirectory branches) {
    this.applications = applications;
    this.branches = branches;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    return summary(applications.get(applicationId));
  }

  /** The summary values, by the names the forms use. */
  public Map<String, Object> summary(LoanApplication a) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("applicationId", a.id());
    values.put("enterpriseName", a.enterpriseName());
    values.put("creditCode", a.creditCode());
    values.put("industryCode", a.industryCode());
    values.put("industryText", IndustryClassification.describe(a.industryCode()));
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
    List<Guarantor> guarantors = applications.guarantorsOf(a.id());
    values.put("guarantorsText", guarantors.isEmpty() ? "无" : guarantors.stream()
        .map(g -> g.describe() + " " + g.partyId()).collect(Collectors.joining("; ")));
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
