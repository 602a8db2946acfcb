package com.smeloanflow.process;

/** Declaration of {@code bpmn/post-loan-monitoring.bpmn} (business key = loan id). */
public final class PostLoanMonitoringProcess {

  public static final String KEY = "post-loan-monitoring";

  private PostLoanMonitoringProcess() {}

  public static final class Elements {
    /** 贷款已发放 */
    public static final String START_LOAN_DISBURSED = "StartEvent_LoanDisbursed";
    /** 首次贷后检查 */
    public static final String TASK_FIRST_POST_LOAN_CHECK = "UserTask_FirstPostLoanCheck";
    /** 首次贷后检查已完成 */
    public static final String END_FIRST_CHECK_DONE = "EndEvent_FirstCheckDone";

    private Elements() {}
  }

  public static final class Flows {
    public static final String TO_FIRST_CHECK = "SequenceFlow_ToFirstCheck";
    public static final String FIRST_CHECK_DONE = "SequenceFlow_FirstCheckDone";

    private Flows() {}
  }

  public static final class Messages {
    public static final String LOAN_DISBURSED = LoanOriginationProcess.Messages.LOAN_DISBURSED;

    private Messages() {}
  }

  /** The loan id is the business key; no variable of the process is set by anyone but the process. */
  public static final class Variables {
    /** Reserved: the loan id is the business key. */
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);

    private Variables() {}
  }
}
