package com.smeloanflow.monitoring;

import com.smeloanflow.model.FormContract;
import com.smeloanflow.model.ProcessVariables;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The post-loan check form: the loan summary it shows and the fields its listener reads. */
public final class MonitoringFormContracts {

  private MonitoringFormContracts() {}

  public static List<FormContract> all() {
    Set<String> readable = new TreeSet<>(LoanSummaryListener.FORM_VALUES);
    readable.addAll(ProcessVariables.declaredIn(PostLoanMonitoringProcess.Variables.class));
    return List.of(FormContract.of("first-post-loan-check", List.of(FirstPostLoanCheckTaskListener.FUNDS_USED_AS_AGREED,
        FirstPostLoanCheckTaskListener.BUSINESS_NORMAL, FirstPostLoanCheckTaskListener.RESULT,
        FirstPostLoanCheckTaskListener.NOTES), readable));
  }
}
