package com.smeloanflow.monitoring;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The post-loan forms: the loan summary, the check and the proposal they show, and the fields their listeners read. */
public final class MonitoringFormContracts {

  private MonitoringFormContracts() {}

  public static List<FormContract> all() {
    Set<String> monitoring = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    monitoring.addAll(ProcessVariables.declaredIn(PostLoanMonitoringProcess.Variables.class));
    Set<String> reclassification = new TreeSet<>(monitoring);
    reclassification.addAll(ReclassificationSummaryListener.FORM_VALUES);
    Set<String> check = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    check.addAll(PostLoanCheckSummaryListener.FORM_VALUES);
    check.addAll(ProcessVariables.declaredIn(PostLoanCheckProcess.Variables.class));
    return List.of(
        FormContract.of("first-post-loan-check", List.of(FirstPostLoanCheckTaskListener.FUNDS_USED_AS_AGREED,
            FirstPostLoanCheckTaskListener.BUSINESS_NORMAL, FirstPostLoanCheckTaskListener.RESULT,
            FirstPostLoanCheckTaskListener.NOTES), monitoring),
        FormContract.of("check-remotely", checkFields(PostLoanCheckTaskListener.REMOTE_CHECKLIST.keySet()), check),
        FormContract.of("check-on-site", checkFields(PostLoanCheckTaskListener.ON_SITE_CHECKLIST.keySet()), check),
        FormContract.of("approve-reclassification", List.of(ReclassificationApprovalTaskListener.DECISION,
            ReclassificationApprovalTaskListener.NOTE), reclassification));
  }

  private static List<String> checkFields(Set<String> checklist) {
    List<String> fields = new ArrayList<>(checklist);
    fields.addAll(List.of(PostLoanCheckTaskListener.CONCLUSION, PostLoanCheckTaskListener.LINE_MEASURE,
        PostLoanCheckTaskListener.REDUCED_LIMIT, PostLoanCheckTaskListener.FINDINGS));
    return fields;
  }
}
