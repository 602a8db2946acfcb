package com.smeloanflow.process;

/** Declaration of {@code bpmn/post-loan-monitoring.bpmn} (business key = loan id). */
public final class PostLoanMonitoringProcess {

  public static final String KEY = "post-loan-monitoring";

  private PostLoanMonitoringProcess() {}

  public static final class Elements {
    public static final String START_LOAN_DISBURSED = "StartEvent_LoanDisbursed";
    public static final String TASK_FIRST_POST_LOAN_CHECK = "UserTask_FirstPostLoanCheck";
    public static final String END_FIRST_CHECK_DONE = "EndEvent_FirstCheckDone";

    private Elements() {}
  }

  public static final class Messages {
    public static final String LOAN_DISBURSED = LoanOriginationProcess.Messages.LOAN_DISBURSED;

    private Messages() {}
  }

  public static final class Variables {
    public static final ProcessVariable<String> LOAN_ID = LoanOriginationProcess.Variables.LOAN_ID;
    public static final ProcessVariable<String> APPLICATION_ID = LoanOriginationProcess.Variables.APPLICATION_ID;
    public static final ProcessVariable<String> BRANCH_CODE = LoanOriginationProcess.Variables.BRANCH_CODE;

    private Variables() {}
  }
}
