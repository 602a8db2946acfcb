package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/collection.bpmn} (逾期催收), one case per overdue loan, business key =
 * loan id: its key, element ids (sequence flows included), messages and variables.
 * {@code CollectionModelTest} checks that every constant exists in the deployed model.
 */
public final class CollectionProcess {

  public static final String KEY = "collection";
  /** The decision table that chooses the next rung of the ladder. */
  public static final String STRATEGY_DECISION = "collection-strategy";

  private CollectionProcess() {}

  /** Element ids. */
  public static final class Elements {
    public static final String START_LOAN_OVERDUE = "StartEvent_LoanOverdue";
    public static final String TASK_DECIDE_NEXT_ACTION = "ServiceTask_DecideNextAction";
    public static final String GATEWAY_NEXT_ACTION = "Gateway_NextAction";
    public static final String TASK_SEND_OVERDUE_REMINDER = "ServiceTask_SendOverdueReminder";
    public static final String TASK_COLLECT_BY_PHONE = "UserTask_CollectByPhone";
    public static final String TASK_VISIT_BORROWER = "UserTask_VisitBorrower";
    public static final String TASK_SUPERVISE_OVERDUE_LOAN = "UserTask_SuperviseOverdueLoan";
    public static final String TASK_PROPOSE_DISPOSAL = "UserTask_ProposeDisposal";
    public static final String TASK_APPROVE_DISPOSAL = "UserTask_ApproveDisposal";
    public static final String GATEWAY_DISPOSAL_APPROVED = "Gateway_DisposalApproved";
    public static final String GATEWAY_DISPOSAL_TYPE = "Gateway_DisposalType";
    public static final String TASK_FOLLOW_UP_LEGAL_ACTION = "UserTask_FollowUpLegalAction";
    public static final String GATEWAY_LEGAL_NEXT_STEP = "Gateway_LegalNextStep";
    public static final String TIMER_NEXT_LEGAL_REVIEW = "TimerEvent_NextLegalReview";
    public static final String TASK_WRITE_OFF_LOAN = "ServiceTask_WriteOffLoan";
    public static final String END_LOAN_WRITTEN_OFF = "EndEvent_LoanWrittenOff";
    public static final String GATEWAY_ACTION_DONE = "Gateway_ActionDone";
    public static final String EVENT_REVIEW_DUE = "MessageEvent_ReviewDue";
    public static final String SUBPROCESS_ARREARS_CLEARED = "SubProcess_ArrearsCleared";
    public static final String START_ARREARS_CLEARED = "StartEvent_ArrearsCleared";
    public static final String TASK_CLOSE_CURED_CASE = "ServiceTask_CloseCuredCase";
    public static final String TASK_SEND_CURE_NOTICE = "ServiceTask_SendCureNotice";
    public static final String END_ARREARS_CLEARED = "EndEvent_ArrearsCleared";

    public static final String FLOW_NEXT_ACTION_REMINDER = "SequenceFlow_NextActionReminder";
    public static final String FLOW_NEXT_ACTION_PHONE = "SequenceFlow_NextActionPhone";
    public static final String FLOW_NEXT_ACTION_FIELD_VISIT = "SequenceFlow_NextActionFieldVisit";
    public static final String FLOW_NEXT_ACTION_ESCALATION = "SequenceFlow_NextActionEscalation";
    public static final String FLOW_NEXT_ACTION_DISPOSAL = "SequenceFlow_NextActionDisposal";
    public static final String FLOW_NEXT_ACTION_WAIT = "SequenceFlow_NextActionWait";
    public static final String FLOW_DISPOSAL_APPROVED = "SequenceFlow_DisposalApproved";
    public static final String FLOW_DISPOSAL_REJECTED = "SequenceFlow_DisposalRejected";
    public static final String FLOW_DISPOSAL_LEGAL = "SequenceFlow_DisposalLegal";
    public static final String FLOW_DISPOSAL_WRITE_OFF = "SequenceFlow_DisposalWriteOff";
    public static final String FLOW_LEGAL_CONTINUE = "SequenceFlow_LegalContinue";
    public static final String FLOW_LEGAL_PROPOSE_WRITE_OFF = "SequenceFlow_LegalProposeWriteOff";

    private Elements() {}
  }

  /** Message names. */
  public static final class Messages {
    /** Starts a case: the daily close found the loan overdue and no case open. */
    public static final String LOAN_OVERDUE = "LoanOverdue";
    /** The daily close asks a waiting case to review its next step. */
    public static final String REVIEW_DUE = "CollectionReviewDue";
    /** A repayment cleared the arrears: the case ends wherever it is. */
    public static final String ARREARS_CLEARED = "ArrearsCleared";

    private Messages() {}
  }

  /** Process variables: only what gateways and candidate groups read, set by trusted code. */
  public static final class Variables {
    /** The loan's branch: the field visit is offered to {@code <branch>-customer-managers}. */
    public static final ProcessVariable<String> BRANCH_CODE = LoanOriginationProcess.Variables.BRANCH_CODE;
    /** What the strategy table chose: REMINDER_MAIL, PHONE_COLLECTION, FIELD_VISIT, ... or WAIT. */
    public static final ProcessVariable<String> NEXT_ACTION = ProcessVariable.of("nextCollectionAction", String.class);
    public static final ProcessVariable<Boolean> DISPOSAL_APPROVED = ProcessVariable.of("disposalApproved", Boolean.class);
    /** LEGAL_ACTION or WRITE_OFF, of the approved proposal. */
    public static final ProcessVariable<String> DISPOSAL_TYPE = ProcessVariable.of("disposalType", String.class);
    /** CONTINUE or PROPOSE_WRITE_OFF, after a legal follow-up. */
    public static final ProcessVariable<String> LEGAL_NEXT_STEP = ProcessVariable.of("legalNextStep", String.class);

    private Variables() {}
  }
}
