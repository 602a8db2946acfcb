package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/post-loan-check.bpmn} (贷后检查), one post-loan check called by
 * post-loan-monitoring, business key = check id: its key, every element and sequence-flow id and the
 * variables the process owns. {@code ProcessModelTest} checks that the constants and the deployed model
 * name the same elements.
 */
public final class PostLoanCheckProcess {

  public static final String KEY = "post-loan-check";

  private PostLoanCheckProcess() {}

  public static final class Elements {
    /** 贷后检查已发起 */
    public static final String START_CHECK_STARTED = "StartEvent_CheckStarted";
    /** 准备贷后检查 */
    public static final String TASK_PREPARE_CHECK = "ServiceTask_PrepareCheck";
    /** 是否需要实地检查? */
    public static final String GATEWAY_ON_SITE_CHECK_REQUIRED = "Gateway_OnSiteCheckRequired";
    /** 实地检查贷后风险 */
    public static final String TASK_CHECK_ON_SITE = "UserTask_CheckOnSite";
    /** 远程核查贷后风险 */
    public static final String TASK_CHECK_REMOTELY = "UserTask_CheckRemotely";
    public static final String GATEWAY_CHECK_DONE = "Gateway_CheckDone";
    /** 检查结论? */
    public static final String GATEWAY_CHECK_OUTCOME = "Gateway_CheckOutcome";
    /** 贷后检查已完成 */
    public static final String END_CHECK_COMPLETED = "EndEvent_CheckCompleted";
    /** 下达额度管控指令 */
    public static final String TASK_ISSUE_LINE_INSTRUCTION = "ServiceTask_IssueLineInstruction";
    /** 额度管控指令已下达 */
    public static final String END_LINE_INSTRUCTION_ISSUED = "EndEvent_LineInstructionIssued";
    /** 发送提前收回通知 */
    public static final String TASK_NOTIFY_LOAN_CALLED_IN = "SendTask_NotifyLoanCalledIn";
    /** 移交催收 */
    public static final String TASK_REFER_TO_COLLECTIONS = "ServiceTask_ReferToCollections";
    /** 贷款已提前收回并移交催收 */
    public static final String END_LOAN_CALLED_IN = "EndEvent_LoanCalledIn";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String TO_PREPARE_CHECK = "SequenceFlow_ToPrepareCheck";
    public static final String TO_ON_SITE_CHECK_REQUIRED = "SequenceFlow_ToOnSiteCheckRequired";
    /** 重大预警, 实地检查 */
    public static final String ON_SITE_CHECK_REQUIRED_YES = "SequenceFlow_OnSiteCheckRequiredYes";
    /** 远程核查 */
    public static final String ON_SITE_CHECK_REQUIRED_NO = "SequenceFlow_OnSiteCheckRequiredNo";
    public static final String ON_SITE_CHECK_DONE = "SequenceFlow_OnSiteCheckDone";
    public static final String REMOTE_CHECK_DONE = "SequenceFlow_RemoteCheckDone";
    public static final String TO_CHECK_OUTCOME = "SequenceFlow_ToCheckOutcome";
    /** 正常或关注 */
    public static final String CHECK_OUTCOME_NO_MEASURE = "SequenceFlow_CheckOutcomeNoMeasure";
    /** 压降或冻结额度 */
    public static final String CHECK_OUTCOME_RESTRICT_LINE = "SequenceFlow_CheckOutcomeRestrictLine";
    /** 提前收回贷款 */
    public static final String CHECK_OUTCOME_CALL_IN = "SequenceFlow_CheckOutcomeCallIn";
    public static final String LINE_INSTRUCTION_ISSUED = "SequenceFlow_LineInstructionIssued";
    public static final String TO_REFER_TO_COLLECTIONS = "SequenceFlow_ToReferToCollections";
    public static final String REFERRED_TO_COLLECTIONS = "SequenceFlow_ReferredToCollections";

    private Flows() {}
  }

  /** Message names: none; the check is called by post-loan-monitoring. */
  public static final class Messages {
    private Messages() {}
  }

  /**
   * The variables the process owns, written by monitoring's code. The check itself (signals,
   * findings, outcome, who checked) lives in monitoring's tables.
   */
  public static final class Variables {
    /** Reserved: the check id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> CHECK_ID = ProcessVariable.of("checkId", String.class);
    /** The check is on site (a serious signal), not remote. */
    public static final ProcessVariable<Boolean> ON_SITE_CHECK = ProcessVariable.of("onSiteCheck", Boolean.class);
    /** The loan's branch: an on-site check is offered to {@code <branch>-customer-managers}. */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    /** NORMAL, WATCH, RESTRICT_LINE or CALL_IN: what the checker concluded. */
    public static final ProcessVariable<String> CHECK_OUTCOME = ProcessVariable.of("checkOutcome", String.class);

    private Variables() {}
  }
}
