package com.smeloanflow.model;

import com.smeloanflow.intake.IntakeFormContracts;
import java.util.ArrayList;
import java.util.List;

/**
 * Every form's contract, one line per stage. A new form in {@code forms/} needs a contract here
 * (declared next to the stage's code), or {@link FormFieldMappingTest} fails.
 */
public final class FormContracts {

  private FormContracts() {}

  public static List<FormContract> all() {
    List<FormContract> all = new ArrayList<>();
    all.addAll(IntakeFormContracts.all());
    all.addAll(com.smeloanflow.processing.ProcessingFormContracts.all());
    all.addAll(com.smeloanflow.verification.VerificationFormContracts.all());
    all.addAll(com.smeloanflow.approval.ApprovalFormContracts.all());
    all.addAll(com.smeloanflow.disbursement.DisbursementFormContracts.all());
    all.addAll(com.smeloanflow.monitoring.MonitoringFormContracts.all());
    all.addAll(com.smeloanflow.renewal.RenewalFormContracts.all());
    all.addAll(com.smeloanflow.creditline.CreditLineFormContracts.all());
    all.addAll(com.smeloanflow.collections.CollectionFormContracts.all());
    all.addAll(com.smeloanflow.campaign.CampaignFormContracts.all());
    all.addAll(com.smeloanflow.accountability.AccountabilityFormContracts.all());
    return all;
  }
}
