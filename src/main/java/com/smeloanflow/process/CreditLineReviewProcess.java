package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/credit-line-review.bpmn} (循环额度年审), one instance per credit line (business key =
 * line id), started when the line opens: its key, the decision it evaluates, every element and sequence-flow id,
 * the start message and the variables the process owns. {@code ProcessModelTest} checks the constants against the
 * deployed model.
 */
public final class CreditLineReviewProcess {

  public static final String KEY = "credit-line-review";
  /** The decision table of the annual review. */
  public static final String REVIEW_DECISION = "credit-line-review";

  private CreditLineReviewProcess() {}

  public static final class Elements {
    /** 循环额度已开立 */
    public static final String START_LINE_OPENED = "StartEvent_LineOpened";
    public static final String GATEWAY_NEXT_REVIEW = "Gateway_NextReview";
    /** 排定下次年审 */
    public static final String TASK_SCHEDULE_REVIEW = "ServiceTask_ScheduleReview";
    /** 年审日或到期日已到 */
    public static final String TIMER_REVIEW_DUE = "TimerEvent_ReviewDue";
    /** 额度是否到期? */
    public static final String GATEWAY_LINE_EXPIRES = "Gateway_LineExpires";
    /** 办理额度到期 */
    public static final String TASK_EXPIRE_LINE = "ServiceTask_ExpireLine";
    /** 循环额度已到期 */
    public static final String END_LINE_EXPIRED = "EndEvent_LineExpired";
    /** 年审评估额度 */
    public static final String TASK_EVALUATE_LINE = "ServiceTask_EvaluateLine";
    /** 是否需人工年审? */
    public static final String GATEWAY_PERSON_REVIEW = "Gateway_PersonReview";
    /** 年审额度 */
    public static final String TASK_REVIEW_LINE = "UserTask_ReviewCreditLine";
    public static final String GATEWAY_REVIEW_DECIDED = "Gateway_ReviewDecided";
    /** 执行年审结论 */
    public static final String TASK_APPLY_REVIEW = "ServiceTask_ApplyReview";
    /** 额度是否终止? */
    public static final String GATEWAY_LINE_CLOSED = "Gateway_LineClosed";
    /** 循环额度已终止 */
    public static final String END_LINE_CLOSED = "EndEvent_LineClosed";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String LINE_OPENED = "SequenceFlow_LineOpened";
    public static final String TO_SCHEDULE_REVIEW = "SequenceFlow_ToScheduleReview";
    public static final String REVIEW_SCHEDULED = "SequenceFlow_ReviewScheduled";
    public static final String REVIEW_DUE = "SequenceFlow_ReviewDue";
    /** 是, 额度到期 */
    public static final String LINE_EXPIRES_YES = "SequenceFlow_LineExpiresYes";
    /** 否, 年审 */
    public static final String LINE_EXPIRES_NO = "SequenceFlow_LineExpiresNo";
    public static final String LINE_EXPIRED = "SequenceFlow_LineExpired";
    public static final String LINE_EVALUATED = "SequenceFlow_LineEvaluated";
    /** 是, 客户经理年审 */
    public static final String PERSON_REVIEW_YES = "SequenceFlow_PersonReviewYes";
    /** 否, 按决策表结论 */
    public static final String PERSON_REVIEW_NO = "SequenceFlow_PersonReviewNo";
    public static final String LINE_REVIEWED = "SequenceFlow_LineReviewed";
    public static final String TO_APPLY_REVIEW = "SequenceFlow_ToApplyReview";
    public static final String REVIEW_APPLIED = "SequenceFlow_ReviewApplied";
    /** 是, 终止 */
    public static final String LINE_CLOSED_YES = "SequenceFlow_LineClosedYes";
    /** 否, 下一年度 */
    public static final String LINE_CLOSED_NO = "SequenceFlow_LineClosedNo";

    private Flows() {}
  }

  public static final class Messages {
    /** Starts the review of a newly opened line (business key = line id). */
    public static final String CREDIT_LINE_OPENED = "CreditLineOpened";

    private Messages() {}
  }

  /** The variables the process owns, written by creditline's code; the reviews live in creditline's tables. */
  public static final class Variables {
    /** Reserved: the line id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> LINE_ID = ProcessVariable.of("lineId", String.class);
    /** The line's branch: the review task is offered to {@code <branch>-customer-managers}. */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    /** When the timer fires next: the next anniversary, or the day the line expires. */
    public static final ProcessVariable<Date> NEXT_REVIEW_DUE = ProcessVariable.of("nextReviewDue", Date.class);
    /** The next date is the line's expiry, not an anniversary. */
    public static final ProcessVariable<Boolean> LINE_EXPIRES = ProcessVariable.of("lineExpires", Boolean.class);
    /** The review table asks a customer manager to review the line. */
    public static final ProcessVariable<Boolean> PERSON_REVIEW = ProcessVariable.of("personReview", Boolean.class);
    /** CONTINUE, REDUCE, FREEZE or CLOSE: the review's outcome (the table's, or the person's). */
    public static final ProcessVariable<String> REVIEW_OUTCOME = ProcessVariable.of("reviewOutcome", String.class);

    private Variables() {}
  }
}
