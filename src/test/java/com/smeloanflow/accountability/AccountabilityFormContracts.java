package com.smeloanflow.accountability;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.monitoring.LoanSummaryListener;
import com.smeloanflow.process.DueDiligenceReviewProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The review's form: the loan summary and the evidence it shows, and the finding and reason per role its listener reads. */
public final class AccountabilityFormContracts {

  private AccountabilityFormContracts() {}

  public static List<FormContract> all() {
    Set<String> shown = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    shown.addAll(DueDiligenceReviewService.FORM_VALUES);
    shown.addAll(ProcessVariables.declaredIn(DueDiligenceReviewProcess.Variables.class));
    List<String> fields = new ArrayList<>();
    for (OfficerRole role : OfficerRole.values()) {
      fields.add(role.outcomeField());
      fields.add(role.reasonField());
    }
    return List.of(FormContract.of("review-due-diligence", fields, shown));
  }
}
