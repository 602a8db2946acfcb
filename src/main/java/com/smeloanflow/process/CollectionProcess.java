package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/collection.bpmn} (逾期催收): its key, every element and sequence-flow id,
 * its messages and the variables the process owns. One case per overdue loan; the loan id is the
 * process instance's business key. {@code ProcessModelTest} checks that the constants and the deployed
 * model name the same elements.
 */
public final class CollectionProcess {

  public static final String KEY = "collection";
  /** The decision table that chooses the next rung of the ladder. */
  public static final String STRATEGY_DECISION = "collection-strategy";
  /** The decision table that decides who may approve a legal-action or write-off proposal (审批权限). */
  public static final String DISPOSAL_AUTHORITY_DECISION = "disposal-approval-authority";

  private CollectionProcess() {}

  /** Element ids. */
  public static final class Elements {
    /** 贷款已逾期 */
    public static final String START_LOAN_OVERDUE = "StartEvent_LoanOverdue";
    /** 确定下一步催收动作 */
    public static final String TASK_DECIDE_NEXT_ACTION = "ServiceTask_DecideNextAction";
    /** 下一步催收动作? */
    public static final String GATEWAY_NEXT_ACTION = "Gateway_NextAction";
    /** 发送逾期还款提醒 */
    public static final String TASK_SEND_OVERDUE_REMINDER = "SendTask_SendOverdueReminder";
    /** 电话催收 */
    public static final String TASK_COLLECT_BY_PHONE = "UserTask_CollectByPhone";
    /** 上门催收 */
    public static final String TASK_VISIT_BORROWER = "UserTask_VisitBorrower";
    /** 督办逾期贷款 */
    public static final String TASK_SUPERVISE_OVERDUE_LOAN = "UserTask_SuperviseOverdueLoan";
    /** 提出诉讼或核销建议 */
    public static final String TASK_PROPOSE_DISPOSAL = "UserTask_ProposeDisposal";
    /** 审批诉讼或核销建议 */
    public static final String TASK_APPROVE_DISPOSAL = "UserTask_ApproveDisposal";
    /** 处置建议是否批准? */
    public static final String GATEWAY_DISPOSAL_APPROVED = "Gateway_DisposalApproved";
    /** 处置方式? */
    public static final String GATEWAY_DISPOSAL_TYPE = "Gateway_DisposalType";
    /** 跟进诉讼进展 */
    public static final String TASK_FOLLOW_UP_LEGAL_ACTION = "UserTask_FollowUpLegalAction";
    /** 诉讼后续? */
    public static final String GATEWAY_LEGAL_NEXT_STEP = "Gateway_LegalNextStep";
    /** 30天后再次跟进 */
    public static final String TIMER_NEXT_LEGAL_REVIEW = "TimerEvent_NextLegalReview";
    /** 核销贷款 */
    public static final String TASK_WRITE_OFF_LOAN = "ServiceTask_WriteOffLoan";
    /** 贷款已核销 (账销案存) */
    public static final String END_LOAN_WRITTEN_OFF = "EndEvent_LoanWrittenOff";
    public static final String GATEWAY_ACTION_DONE = "Gateway_ActionDone";
    /** 复评已到 (the daily close's review, or an approved reclassification's) */
    public static final String EVENT_REVIEW_DUE = "MessageEvent_ReviewDue";
    /** 逾期欠款结清 (event subprocess: a cure at any step) */
    public static final String SUBPROCESS_ARREARS_CLEARED = "SubProcess_ArrearsCleared";
    /** 逾期欠款已结清 */
    public static final String START_ARREARS_CLEARED = "StartEvent_ArrearsCleared";
    /** 结清催收案件 */
    public static final String TASK_CLOSE_CURED_CASE = "ServiceTask_CloseCuredCase";
    /** 发送逾期结清通知 */
    public static final String TASK_SEND_CURE_NOTICE = "SendTask_SendCureNotice";
    /** 催收已终止 */
    public static final String END_ARREARS_CLEARED = "EndEvent_ArrearsCleared";
    /** 贷款结清 (event subprocess: the loan was settled while its case had no arrears to clear) */
    public static final String SUBPROCESS_LOAN_SETTLED = "SubProcess_LoanSettled";
    /** 贷款已结清 */
    public static final String START_LOAN_SETTLED = "StartEvent_LoanSettled";
    /** 催收已终止 (贷款结清) */
    public static final String END_LOAN_SETTLED = "EndEvent_LoanSettled";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String TO_DECIDE_NEXT_ACTION = "SequenceFlow_ToDecideNextAction";
    public static final String TO_NEXT_ACTION = "SequenceFlow_ToNextAction";
    /** 等待 */
    public static final String NEXT_ACTION_WAIT = "SequenceFlow_NextActionWait";
    /** 发送提醒 */
    public static final String NEXT_ACTION_REMINDER = "SequenceFlow_NextActionReminder";
    /** 电话催收 */
    public static final String NEXT_ACTION_PHONE = "SequenceFlow_NextActionPhone";
    /** 上门催收 */
    public static final String NEXT_ACTION_FIELD_VISIT = "SequenceFlow_NextActionFieldVisit";
    /** 主管督办 */
    public static final String NEXT_ACTION_ESCALATION = "SequenceFlow_NextActionEscalation";
    /** 诉讼或核销 */
    public static final String NEXT_ACTION_DISPOSAL = "SequenceFlow_NextActionDisposal";
    public static final String REMINDER_SENT = "SequenceFlow_ReminderSent";
    public static final String PHONE_COLLECTION_DONE = "SequenceFlow_PhoneCollectionDone";
    public static final String FIELD_VISIT_DONE = "SequenceFlow_FieldVisitDone";
    public static final String ESCALATION_DONE = "SequenceFlow_EscalationDone";
    public static final String TO_REVIEW_DUE = "SequenceFlow_ToReviewDue";
    public static final String REVIEW_DUE = "SequenceFlow_ReviewDue";
    public static final String TO_APPROVE_DISPOSAL = "SequenceFlow_ToApproveDisposal";
    public static final String TO_DISPOSAL_APPROVED = "SequenceFlow_ToDisposalApproved";
    /** 批准 */
    public static final String DISPOSAL_APPROVED = "SequenceFlow_DisposalApproved";
    /** 驳回 */
    public static final String DISPOSAL_REJECTED = "SequenceFlow_DisposalRejected";
    /** 提起诉讼 */
    public static final String DISPOSAL_LEGAL = "SequenceFlow_DisposalLegal";
    /** 核销 */
    public static final String DISPOSAL_WRITE_OFF = "SequenceFlow_DisposalWriteOff";
    public static final String LOAN_WRITTEN_OFF = "SequenceFlow_LoanWrittenOff";
    public static final String TO_LEGAL_NEXT_STEP = "SequenceFlow_ToLegalNextStep";
    /** 继续跟进 */
    public static final String LEGAL_CONTINUE = "SequenceFlow_LegalContinue";
    /** 建议核销 */
    public static final String LEGAL_PROPOSE_WRITE_OFF = "SequenceFlow_LegalProposeWriteOff";
    public static final String NEXT_LEGAL_REVIEW_DUE = "SequenceFlow_NextLegalReviewDue";
    public static final String TO_CLOSE_CURED_CASE = "SequenceFlow_ToCloseCuredCase";
    public static final String TO_SEND_CURE_NOTICE = "SequenceFlow_ToSendCureNotice";
    public static final String CURE_NOTICE_SENT = "SequenceFlow_CureNoticeSent";
    public static final String LOAN_SETTLED = "SequenceFlow_LoanSettled";

    private Flows() {}
  }

  /** Message names. */
  public static final class Messages {
    /** Starts a case: the daily close found the loan overdue and no case open. */
    public static final String LOAN_OVERDUE = "LoanOverdue";
    /**
     * The daily close, or post-loan monitoring's approved reclassification of the loan, asks a waiting case to review
     * its next step.
     */
    public static final String REVIEW_DUE = "CollectionReviewDue";
    /** A repayment cleared the arrears: the case ends wherever it is. */
    public static final String ARREARS_CLEARED = "ArrearsCleared";
    /**
     * The daily close settled the loan while its case was open (a called-in loan repaid in full before it fell
     * overdue): collections has closed the case, the process ends wherever it is.
     */
    public static final String LOAN_SETTLED = "LoanSettled";

    private Messages() {}
  }

  /**
   * The variables the process owns: only what its gateways and candidate groups read, written by
   * collections' code through {@link ProcessVariable#set} (or at the start, inside
   * {@link ProcessVariable#trusted}). A user's task completion that names one is refused. The case
   * itself (contacts, promises, proposals) lives in collections' tables.
   */
  public static final class Variables {
    /** Reserved: the loan id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);
    /**
     * The loan's branch: the field visit is offered to {@code <branch>-customer-managers}, the team-lead escalation
     * (督办逾期贷款) to {@code <branch>-leads}.
     */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    /** What the strategy table chose: REMINDER_MAIL, PHONE_COLLECTION, FIELD_VISIT, ... or WAIT. */
    public static final ProcessVariable<String> NEXT_ACTION = ProcessVariable.of("nextCollectionAction", String.class);
    /**
     * Who may approve the pending proposal (审批权限): the candidate group of 审批诉讼或核销建议, decided by the table
     * {@code disposal-approval-authority} when the proposal is recorded, in the command that creates the approval task.
     */
    public static final ProcessVariable<String> DISPOSAL_APPROVER_GROUP =
        ProcessVariable.of("disposalApproverGroup", String.class);
    /** The 审批权限 line of the approval form: who may approve the pending proposal and why (principal outstanding then). */
    public static final ProcessVariable<String> DISPOSAL_AUTHORITY_TEXT =
        ProcessVariable.of("disposalAuthorityText", String.class);
    public static final ProcessVariable<Boolean> DISPOSAL_APPROVED = ProcessVariable.of("disposalApproved", Boolean.class);
    /** LEGAL_ACTION or WRITE_OFF, of the approved proposal. */
    public static final ProcessVariable<String> DISPOSAL_TYPE = ProcessVariable.of("disposalType", String.class);
    /** CONTINUE or PROPOSE_WRITE_OFF, after a legal follow-up. */
    public static final ProcessVariable<String> LEGAL_NEXT_STEP = ProcessVariable.of("legalNextStep", String.class);

    private Variables() {}
  }
}
