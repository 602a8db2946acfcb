package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/loan-renewal.bpmn} (无还本续贷), one instance per renewal application,
 * business key = the old loan's id (a loan is renewed at most once): its key, every element and
 * sequence-flow id, its message and the variables the process owns. {@code ProcessModelTest} checks that
 * the constants and the deployed model name the same elements.
 */
public final class LoanRenewalProcess {

  public static final String KEY = "loan-renewal";
  /** Whether a loan near maturity is offered renewal (the offer scan). */
  public static final String ELIGIBILITY_DECISION = "renewal-eligibility";
  /** Who approves: the application's authority table, the renewal amount replacing the old loan's. */
  public static final String AUTHORITY_DECISION = "approval-authority";
  /**
   * The committee vote's multi-instance element variable: the member a vote task is for. Written by the engine
   * when it creates the votes, so not one of the {@link Variables} only renewal's code writes.
   */
  public static final String COMMITTEE_MEMBER = "renewalCommitteeMember";

  private LoanRenewalProcess() {}

  public static final class Elements {
    /** 续贷已申请 */
    public static final String START_RENEWAL_APPLIED = "StartEvent_RenewalApplied";
    /** 确定续贷审批路径 */
    public static final String TASK_DECIDE_ROUTE = "ServiceTask_DecideRenewalRoute";
    /** 是否需人工审批? */
    public static final String GATEWAY_PERSON_APPROVES = "Gateway_PersonApprovesRenewal";
    /**
     * 人工审批续贷 (embedded subprocess: the approver's, or the committee's and the chair's, decision), interrupted at the
     * old loan's maturity while still undecided
     */
    public static final String SUBPROCESS_DECIDE = "SubProcess_DecideRenewal";
    /** 续贷待审批 */
    public static final String START_DECISION = "StartEvent_RenewalDecisionStarted";
    /** 续贷已审批 (approved or declined by a person; 是否批准续贷? follows) */
    public static final String END_PERSON_DECIDED = "EndEvent_RenewalPersonDecided";
    /**
     * 到期仍未审批 (interrupting boundary timer on 人工审批续贷 at {@code renewalMaturesAt}, the moment the maturity timers
     * of a signed or unsigned renewal wait for): open tasks and votes are cancelled and the renewal lapses
     */
    public static final String BOUNDARY_MATURED_UNDECIDED = "BoundaryEvent_MaturedUndecided";
    /** 是否由贷审会审批? (the route is COMMITTEE) */
    public static final String GATEWAY_BY_COMMITTEE = "Gateway_RenewalByCommittee";
    /** 审批续贷申请 (SINGLE: credit-approvers) */
    public static final String TASK_APPROVE_RENEWAL = "UserTask_ApproveRenewal";
    /**
     * 贷审会委员表决续贷 (multi-instance, one task per member, completed at a majority; asynchronous before: a committee with
     * nobody who may vote fails its job into an incident)
     */
    public static final String TASK_COMMITTEE_VOTE = "UserTask_RenewalCommitteeVote";
    /** 表决期限已到 (boundary timer on the vote) */
    public static final String BOUNDARY_COMMITTEE_DEADLINE = "BoundaryEvent_RenewalCommitteeDeadline";
    /** 统计续贷表决结果 */
    public static final String TASK_TALLY_VOTES = "ServiceTask_TallyRenewalCommitteeVotes";
    /** 贷审会是否多数否决? */
    public static final String GATEWAY_COMMITTEE_REJECTED = "Gateway_RenewalCommitteeRejected";
    /**
     * 签发续贷贷审会决议 (the chair signs or vetoes; casting vote on a tie or after the deadline; after a deadline with no
     * vote cast only reopens the vote)
     */
    public static final String TASK_DECIDE_COMMITTEE_RESOLUTION = "UserTask_DecideRenewalCommitteeResolution";
    /** 是否重新表决? (the chair reopened a vote nobody cast) */
    public static final String GATEWAY_COMMITTEE_REVOTE = "Gateway_RenewalCommitteeRevote";
    /** Joins the first vote and a reopened one before 贷审会委员表决续贷. */
    public static final String GATEWAY_COMMITTEE_VOTE_JOIN = "Gateway_RenewalCommitteeVoteJoin";
    /** Joins the approver's decision and the committee's before the main join. */
    public static final String GATEWAY_PERSON_DECISION_JOIN = "Gateway_RenewalPersonDecisionJoin";
    public static final String GATEWAY_DECISION_JOIN = "Gateway_RenewalDecisionJoin";
    /** 是否批准续贷? */
    public static final String GATEWAY_APPROVED = "Gateway_RenewalApproved";
    /** 通知续贷未获批准 */
    public static final String TASK_DECLINED_MAIL = "SendTask_RenewalDeclinedMail";
    /** 续贷未获批准 */
    public static final String END_DECLINED = "EndEvent_RenewalDeclined";
    /** 发送续贷合同 */
    public static final String TASK_SEND_CONTRACT = "ServiceTask_SendRenewalContract";
    /** 通知签署续贷合同 */
    public static final String TASK_CONTRACT_MAIL = "SendTask_RenewalContractMail";
    /** 等待签署续贷合同 (a status listener sets APPROVED on entry) */
    public static final String RECEIVE_AWAIT_SIGNATURE = "ReceiveTask_AwaitRenewalSignature";
    /** 到期仍未签约 (boundary timer at maturity) */
    public static final String BOUNDARY_MATURED_UNSIGNED = "BoundaryEvent_MaturedUnsigned";
    /** 到期日是否为非工作日? (signed: the amount is checked on the last working day before such a maturity) */
    public static final String GATEWAY_CHECK_BEFORE_MATURITY = "Gateway_CheckAmountBeforeMaturity";
    /** 到期前最后一个工作日 (timer at 00:00 of that day) */
    public static final String TIMER_AMOUNT_CHECK_DUE = "TimerEvent_AmountCheckDue";
    /** 核对到期应还本金 (a prepayment since signing goes to 复核续贷金额 on that working day) */
    public static final String TASK_CHECK_AMOUNT = "ServiceTask_CheckRenewalAmount";
    /** 到期应还本金已变更 (error boundary of the check: a prepayment since signing) */
    public static final String BOUNDARY_AMOUNT_CHANGED_BEFORE_MATURITY = "BoundaryEvent_AmountChangedBeforeMaturity";
    /** Joins the signature, the check and a reviewer's RENEW_DUE before the maturity. */
    public static final String GATEWAY_AWAIT_MATURITY_JOIN = "Gateway_AwaitMaturityJoin";
    /** 原贷款已到期 (the day of the posting; passed at once when a review at maturity renews the principal due) */
    public static final String TIMER_LOAN_MATURES = "TimerEvent_LoanMatures";
    /** 办理续贷转贷 */
    public static final String TASK_POST_RENEWAL = "ServiceTask_PostRenewal";
    /** 到期应还本金已变更 (error boundary: a prepayment since signing; nothing posted) */
    public static final String BOUNDARY_AMOUNT_CHANGED = "BoundaryEvent_RenewalAmountChanged";
    /**
     * 复核续贷金额 (the approver group, due on the day it opens: the last working day before a maturity date that is
     * no working day, else the maturity date)
     */
    public static final String TASK_REVIEW_AMOUNT = "UserTask_ReviewRenewalAmount";
    /** 是否按到期应还本金续贷? */
    public static final String GATEWAY_RENEW_DUE = "Gateway_RenewDueAmount";
    /** 通知不再续贷 */
    public static final String TASK_WITHDRAWN_MAIL = "SendTask_RenewalWithdrawnMail";
    /** 续贷已撤销 */
    public static final String END_WITHDRAWN = "EndEvent_RenewalWithdrawn";
    /** 到期本金已提前还清 (error boundary: nothing to renew) */
    public static final String BOUNDARY_PRINCIPAL_PREPAID = "BoundaryEvent_PrincipalPrepaid";
    /** 通知无需续贷 */
    public static final String TASK_NOT_NEEDED_MAIL = "SendTask_RenewalNotNeededMail";
    /** 无需续贷 */
    public static final String END_NOT_NEEDED = "EndEvent_RenewalNotNeeded";
    /**
     * 到期本金已逾期 (error boundary: the daily close counted the maturity instalment overdue before the posting
     * ran; nothing posted)
     */
    public static final String BOUNDARY_MATURITY_OVERDUE = "BoundaryEvent_RenewalMaturityOverdue";
    /** 通知逾期未能续贷 */
    public static final String TASK_MATURITY_OVERDUE_MAIL = "SendTask_RenewalMaturityOverdueMail";
    /** 逾期未续贷 */
    public static final String END_MATURITY_OVERDUE = "EndEvent_RenewalMaturityOverdue";
    /**
     * 已不符合续贷条件 (error boundary of 办理续贷转贷: the eligibility table, asked again with the loan as it stands at
     * maturity, no longer offers renewal, a downgrade, an arrear or a warning signal under check since the approval;
     * nothing posted, the renewal DECLINED)
     */
    public static final String BOUNDARY_NO_LONGER_ELIGIBLE = "BoundaryEvent_RenewalNoLongerEligible";
    /**
     * 已不符合续贷条件 (error boundary of 核对到期应还本金: the eligibility table, asked again on the last working day before a
     * maturity date nobody works, no longer offers renewal; nothing will be posted, the renewal DECLINED)
     */
    public static final String BOUNDARY_NO_LONGER_ELIGIBLE_BEFORE_MATURITY = "BoundaryEvent_NoLongerEligibleBeforeMaturity";
    /** Joins the two refusals of a loan no longer eligible: the check before maturity's and the posting's. */
    public static final String GATEWAY_NO_LONGER_ELIGIBLE_JOIN = "Gateway_RenewalNoLongerEligibleJoin";
    /** 通知续贷未获批准 (after 已不符合续贷条件: the catalogue text only) */
    public static final String TASK_NO_LONGER_ELIGIBLE_MAIL = "SendTask_RenewalNoLongerEligibleMail";
    /** 到期前已不符合续贷条件, 续贷未获批准 */
    public static final String END_NO_LONGER_ELIGIBLE = "EndEvent_RenewalNoLongerEligible";
    /** 通知续贷已办理 */
    public static final String TASK_COMPLETED_MAIL = "SendTask_RenewalCompletedMail";
    /** 贷款已续贷 */
    public static final String END_RENEWED = "EndEvent_LoanRenewed";
    /** Joins the two ways a renewal lapses at maturity: undecided, or approved and not signed. */
    public static final String GATEWAY_LAPSES_JOIN = "Gateway_RenewalLapsesJoin";
    /** 续贷失效 (undecided or not signed by maturity) */
    public static final String TASK_LAPSE = "ServiceTask_LapseRenewal";
    /** 通知续贷失效 */
    public static final String TASK_LAPSED_MAIL = "SendTask_RenewalLapsedMail";
    /** 续贷已失效 */
    public static final String END_LAPSED = "EndEvent_RenewalLapsed";
    /**
     * 贷款已提前收回 (interrupting event subprocess: a post-loan check called the loan in while the renewal was under way;
     * whatever waits, a task, a vote, the signature, a timer or the posting's job, is cancelled)
     */
    public static final String SUBPROCESS_LOAN_CALLED_IN = "SubProcess_LoanCalledIn";
    /** 贷款已提前收回 (interrupting message start event of the event subprocess) */
    public static final String START_LOAN_CALLED_IN = "StartEvent_LoanCalledIn";
    /** 终止续贷 (records CALLED_IN) */
    public static final String TASK_END_CALLED_IN = "ServiceTask_EndRenewalCalledIn";
    /** 通知续贷终止 (in the event subprocess) */
    public static final String TASK_CALLED_IN_MAIL = "SendTask_RenewalCalledInMail";
    /** 续贷已终止 (the loan was called in) */
    public static final String END_CALLED_IN = "EndEvent_RenewalCalledIn";
    /**
     * 原贷款已提前收回 (error boundary of 办理续贷转贷: the posting found the loan called in under its lock; nothing
     * posted)
     */
    public static final String BOUNDARY_LOAN_CALLED_IN = "BoundaryEvent_LoanCalledIn";
    /**
     * 原贷款已提前收回 (error boundary of 核对到期应还本金: the check before a maturity date nobody works found the loan called
     * in under its lock, the renewal not ended; CALLED_IN, nothing will be posted)
     */
    public static final String BOUNDARY_LOAN_CALLED_IN_BEFORE_MATURITY = "BoundaryEvent_LoanCalledInBeforeMaturity";
    /** Joins the two refusals of a called-in loan: the check before maturity's and the posting's. */
    public static final String GATEWAY_CALLED_IN_JOIN = "Gateway_RenewalCalledInJoin";
    /** 通知续贷终止 (after the check or the posting refused) */
    public static final String TASK_CALLED_IN_AT_MATURITY_MAIL = "SendTask_RenewalCalledInAtMaturityMail";
    /** 续贷已终止 (the check before maturity or the posting found the loan called in) */
    public static final String END_CALLED_IN_AT_MATURITY = "EndEvent_RenewalCalledInAtMaturity";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String TO_DECIDE_ROUTE = "SequenceFlow_ToDecideRenewalRoute";
    public static final String TO_PERSON_APPROVES = "SequenceFlow_ToPersonApprovesRenewal";
    /** 是 */
    public static final String PERSON_APPROVES_YES = "SequenceFlow_PersonApprovesRenewalYes";
    /** 否 (the model approved or the table declined) */
    public static final String PERSON_APPROVES_NO = "SequenceFlow_PersonApprovesRenewalNo";
    /** 是 (COMMITTEE) */
    public static final String BY_COMMITTEE_YES = "SequenceFlow_RenewalByCommitteeYes";
    /** 否 (SINGLE) */
    public static final String BY_COMMITTEE_NO = "SequenceFlow_RenewalByCommitteeNo";
    public static final String APPROVAL_DONE = "SequenceFlow_RenewalApprovalDone";
    public static final String COMMITTEE_VOTED = "SequenceFlow_RenewalCommitteeVoted";
    public static final String COMMITTEE_DEADLINE_PASSED = "SequenceFlow_RenewalCommitteeDeadlinePassed";
    public static final String VOTES_TALLIED = "SequenceFlow_RenewalVotesTallied";
    /** 是 (a majority rejected: declined without the chair) */
    public static final String COMMITTEE_REJECTED_YES = "SequenceFlow_RenewalCommitteeRejectedYes";
    /** 否 (a majority approved, a tie or the deadline: the chair) */
    public static final String COMMITTEE_REJECTED_NO = "SequenceFlow_RenewalCommitteeRejectedNo";
    public static final String CHAIR_DECIDED = "SequenceFlow_RenewalChairDecided";
    /** 是 (nobody voted by the deadline: the members vote again, with a new deadline) */
    public static final String COMMITTEE_REVOTE_YES = "SequenceFlow_RenewalCommitteeRevoteYes";
    /** 否 (the chair signed, vetoed or cast the deciding vote) */
    public static final String COMMITTEE_REVOTE_NO = "SequenceFlow_RenewalCommitteeRevoteNo";
    public static final String TO_COMMITTEE_VOTE = "SequenceFlow_ToRenewalCommitteeVote";
    public static final String DECISION_STARTED = "SequenceFlow_RenewalDecisionStarted";
    public static final String DECISION_DONE = "SequenceFlow_RenewalDecisionDone";
    public static final String PERSON_DECIDED = "SequenceFlow_RenewalPersonDecided";
    public static final String TO_APPROVED = "SequenceFlow_ToRenewalApproved";
    /** 批准 */
    public static final String APPROVED_YES = "SequenceFlow_RenewalApprovedYes";
    /** 不批准 */
    public static final String APPROVED_NO = "SequenceFlow_RenewalApprovedNo";
    public static final String DECLINED_MAILED = "SequenceFlow_RenewalDeclinedMailed";
    public static final String CONTRACT_SENT = "SequenceFlow_RenewalContractSent";
    public static final String TO_AWAIT_SIGNATURE = "SequenceFlow_ToAwaitRenewalSignature";
    public static final String CONTRACT_SIGNED = "SequenceFlow_RenewalContractSigned";
    public static final String MATURED_UNSIGNED = "SequenceFlow_MaturedUnsigned";
    /** 到期仍未审批 → 续贷失效 */
    public static final String MATURED_UNDECIDED = "SequenceFlow_MaturedUndecided";
    public static final String TO_LAPSE = "SequenceFlow_ToLapseRenewal";
    /** 是 (the maturity date is no working day: check the amount on the last working day before it) */
    public static final String CHECK_BEFORE_MATURITY_YES = "SequenceFlow_CheckAmountBeforeMaturityYes";
    /** 否 (a working day: the posting at maturity checks the amount, as its review can take place that day) */
    public static final String CHECK_BEFORE_MATURITY_NO = "SequenceFlow_CheckAmountBeforeMaturityNo";
    public static final String AMOUNT_CHECK_DUE = "SequenceFlow_AmountCheckDue";
    public static final String AMOUNT_CHECKED = "SequenceFlow_RenewalAmountChecked";
    public static final String AMOUNT_CHANGED_BEFORE_MATURITY = "SequenceFlow_AmountChangedBeforeMaturity";
    public static final String TO_AWAIT_MATURITY = "SequenceFlow_ToAwaitMaturity";
    public static final String LOAN_MATURED = "SequenceFlow_LoanMatured";
    public static final String AMOUNT_CHANGED = "SequenceFlow_RenewalAmountChanged";
    public static final String AMOUNT_REVIEWED = "SequenceFlow_RenewalAmountReviewed";
    /** 按到期应还本金续贷 (to the maturity, then the posting) */
    public static final String RENEW_DUE_YES = "SequenceFlow_RenewDueAmountYes";
    /** 不再续贷 */
    public static final String RENEW_DUE_NO = "SequenceFlow_RenewDueAmountNo";
    public static final String WITHDRAWN_MAILED = "SequenceFlow_RenewalWithdrawnMailed";
    public static final String PRINCIPAL_PREPAID = "SequenceFlow_PrincipalPrepaid";
    public static final String NOT_NEEDED_MAILED = "SequenceFlow_RenewalNotNeededMailed";
    public static final String MATURITY_OVERDUE = "SequenceFlow_RenewalMaturityOverdue";
    public static final String MATURITY_OVERDUE_MAILED = "SequenceFlow_RenewalMaturityOverdueMailed";
    /** 已不符合续贷条件 (the posting's) → the join before 通知续贷未获批准 */
    public static final String NO_LONGER_ELIGIBLE = "SequenceFlow_RenewalNoLongerEligible";
    /** 已不符合续贷条件 (核对到期应还本金's) → the join before 通知续贷未获批准 */
    public static final String NO_LONGER_ELIGIBLE_BEFORE_MATURITY = "SequenceFlow_NoLongerEligibleBeforeMaturity";
    public static final String TO_NO_LONGER_ELIGIBLE_MAIL = "SequenceFlow_ToRenewalNoLongerEligibleMail";
    public static final String NO_LONGER_ELIGIBLE_MAILED = "SequenceFlow_RenewalNoLongerEligibleMailed";
    public static final String RENEWAL_POSTED = "SequenceFlow_RenewalPosted";
    public static final String COMPLETED_MAILED = "SequenceFlow_RenewalCompletedMailed";
    public static final String LAPSED = "SequenceFlow_RenewalLapsedRecorded";
    public static final String LAPSED_MAILED = "SequenceFlow_RenewalLapsedMailed";
    public static final String LOAN_CALLED_IN = "SequenceFlow_LoanCalledIn";
    public static final String CALLED_IN_RECORDED = "SequenceFlow_RenewalCalledInRecorded";
    public static final String CALLED_IN_MAILED = "SequenceFlow_RenewalCalledInMailed";
    /** 原贷款已提前收回 (the posting's) → the join before 通知续贷终止 */
    public static final String CALLED_IN_AT_MATURITY = "SequenceFlow_LoanCalledInAtMaturity";
    /** 原贷款已提前收回 (核对到期应还本金's) → the join before 通知续贷终止 */
    public static final String CALLED_IN_BEFORE_MATURITY = "SequenceFlow_LoanCalledInBeforeMaturity";
    public static final String TO_CALLED_IN_AT_MATURITY_MAIL = "SequenceFlow_ToRenewalCalledInAtMaturityMail";
    public static final String CALLED_IN_AT_MATURITY_MAILED = "SequenceFlow_RenewalCalledInAtMaturityMailed";

    private Flows() {}
  }

  public static final class Messages {
    /** The borrower signed the renewal contract (reported by the channel, verified with the e-signature service). */
    public static final String CONTRACT_SIGNED = "RenewalContractSigned";
    /** A post-loan check called the loan in (提前收回贷款): the renewal under way ends ({@code RenewalCallIns}). */
    public static final String LOAN_CALLED_IN = "RenewalLoanCalledIn";

    private Messages() {}
  }

  /**
   * BPMN error codes of 办理续贷转贷 (and of 核对到期应还本金: AMOUNT_CHANGED, LOAN_CALLED_IN, NO_LONGER_ELIGIBLE): a
   * prepayment after signing, a maturity instalment already counted overdue, the loan called in, or the loan no longer
   * eligible, found before any money moved.
   */
  public static final class Errors {
    /** The principal due at maturity is not the amount to renew: 复核续贷金额 decides. */
    public static final String AMOUNT_CHANGED = "RENEWAL_AMOUNT_CHANGED";
    /** All principal due at maturity was prepaid: nothing to renew. */
    public static final String PRINCIPAL_PREPAID = "RENEWAL_PRINCIPAL_PREPAID";
    /** The daily close counted the maturity instalment overdue before the posting ran: not renewed. */
    public static final String MATURITY_OVERDUE = "RENEWAL_MATURITY_OVERDUE";
    /**
     * The loan was called in (its ledger accelerated) and nothing ended the renewal: found by 核对到期应还本金 before a
     * maturity date nobody works, or by the posting at maturity; a called-in loan is not renewed.
     */
    public static final String LOAN_CALLED_IN = "RENEWAL_LOAN_CALLED_IN";
    /**
     * The eligibility table, asked again with the loan as it stands, no longer offers renewal (downgraded, in arrears, or
     * a warning signal under check since the approval): found by 核对到期应还本金 before a maturity date nobody works, or by
     * the posting at maturity; declined, nothing posted.
     */
    public static final String NO_LONGER_ELIGIBLE = "RENEWAL_NO_LONGER_ELIGIBLE";

    private Errors() {}
  }

  /**
   * The variables the process owns: only what its gateways, timers and the approval task read, written by
   * renewal's code. Everything else lives in {@code loan_renewal}.
   */
  public static final class Variables {
    /** The approval-authority table's route: AUTO, SINGLE, COMMITTEE or REJECT. */
    public static final ProcessVariable<String> ROUTE = ProcessVariable.of("renewalRoute", String.class);
    /** Whether a person decides (SINGLE or COMMITTEE). */
    public static final ProcessVariable<Boolean> PERSON_APPROVES = ProcessVariable.of("renewalPersonApproves", Boolean.class);
    /**
     * The group whose member decides the renewal and, after a prepayment since signing, its amount (复核续贷金额):
     * credit-approvers (SINGLE, and AUTO: the model approved within an approver's authority) or
     * credit-committee-chair (COMMITTEE: the chair signs the committee's resolution). Not set when the table declined.
     */
    public static final ProcessVariable<String> APPROVER_GROUP = ProcessVariable.of("renewalApproverGroup", String.class);
    /** How many members vote on the renewal (the committee less those separation of duties excludes). */
    public static final ProcessVariable<Integer> COMMITTEE_SIZE = ProcessVariable.of("renewalCommitteeSize", Integer.class);
    /** The committee's tally: APPROVED, REJECTED or UNDECIDED (a tie or the deadline). */
    public static final ProcessVariable<String> COMMITTEE_OUTCOME = ProcessVariable.of("renewalCommitteeOutcome", String.class);
    /** Whether the chair reopened the vote (nobody voted by the deadline): 是否重新表决? */
    public static final ProcessVariable<Boolean> COMMITTEE_REVOTE = ProcessVariable.of("renewalCommitteeRevote", Boolean.class);
    /** Whether the renewal was approved (by the model or a person). */
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.of("renewalApproved", Boolean.class);
    /**
     * The old loan's maturity, 00:00 China Standard Time, whether or not anyone works that day: the posting if signed,
     * the lapse if not signed or not decided yet (the one moment all three maturity timers wait for).
     */
    public static final ProcessVariable<Date> MATURES_AT = ProcessVariable.of("renewalMaturesAt", Date.class);
    /**
     * Set at the signature: 00:00 China Standard Time of the last working day before the maturity date when that
     * date is no working day (the principal due is checked then, so that 复核续贷金额 falls on a day people work);
     * null when the maturity date is a working day, or no working day is left between the signature and it.
     */
    public static final ProcessVariable<Date> AMOUNT_CHECK_AT = ProcessVariable.of("renewalAmountCheckAt", Date.class);
    /**
     * When 复核续贷金额 is due: 23:59 China Standard Time of the day it opens, the last working day before the
     * maturity or the maturity date (the daily close of the maturity date counts unpaid principal overdue).
     */
    public static final ProcessVariable<Date> AMOUNT_REVIEW_DUE_AT = ProcessVariable.of("renewalAmountReviewDueAt", Date.class);
    /** 复核续贷金额: whether the principal now due is renewed (else the renewal is withdrawn). */
    public static final ProcessVariable<Boolean> RENEW_DUE = ProcessVariable.of("renewalRenewDue", Boolean.class);

    private Variables() {}
  }
}
