package com.smeloanflow.renewal;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.process.LoanRenewalProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The renewal form: the loan summary and the renewal facts it shows, and the fields its listener reads. */
public final class RenewalFormContracts {

  private RenewalFormContracts() {}

  public static List<FormContract> all() {
    Set<String> shown = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    shown.addAll(RenewalSummaryListener.FORM_VALUES);
    shown.addAll(ProcessVariables.declaredIn(LoanRenewalProcess.Variables.class));
    return List.of(FormContract.of("approve-renewal", List.of(ApproveRenewalTaskListener.DECISION,
        ApproveRenewalTaskListener.CUSTOMER_REASON, ApproveRenewalTaskListener.NOTE), shown));
  }
}
