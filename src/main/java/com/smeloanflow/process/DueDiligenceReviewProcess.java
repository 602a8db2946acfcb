package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/due-diligence-review.bpmn} (尽职免责认定), one review per loan that turned
 * non-performing, business key = loan id: its key, every element and sequence-flow id and the variables
 * the process owns. {@code ProcessModelTest} checks that the constants and the deployed model name the same
 * elements.
 */
public final class DueDiligenceReviewProcess {

  public static final String KEY = "due-diligence-review";

  private DueDiligenceReviewProcess() {}

  public static final class Elements {
    /** 贷款已转为不良 */
    public static final String START_LOAN_NON_PERFORMING = "StartEvent_LoanNonPerforming";
    /** 尽职免责认定 */
    public static final String TASK_REVIEW_DUE_DILIGENCE = "UserTask_ReviewDueDiligence";
    /** 尽职免责已认定 */
    public static final String END_DUE_DILIGENCE_CONCLUDED = "EndEvent_DueDiligenceConcluded";

    private Elements() {}
  }

  /** Sequence-flow ids. */
  public static final class Flows {
    public static final String TO_REVIEW_DUE_DILIGENCE = "SequenceFlow_ToReviewDueDiligence";
    public static final String DUE_DILIGENCE_REVIEWED = "SequenceFlow_DueDiligenceReviewed";

    private Flows() {}
  }

  /** Message names: none; accountability starts the review when the risk review turns a loan non-performing. */
  public static final class Messages {
    private Messages() {}
  }

  /** The variables the process owns: the loan's branch besides the business key; the review lives in accountability's tables. */
  public static final class Variables {
    /** Reserved: the loan id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);
    /** The loan's branch, set at the start: the review is offered to {@code <branch>-leads}, the leads of that branch only. */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);

    private Variables() {}
  }
}
