package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/post-loan-monitoring.bpmn} (贷后管理), one instance per disbursed loan,
 * business key = loan id: its key, every element and sequence-flow id, its messages and the variables
 * the process owns. {@code ProcessModelTest} checks that the constants and the deployed model name the
 * same elements.
 */
public final class PostLoanMonitoringProcess {

  public static final String KEY = "post-loan-monitoring";
  /** How serious an early-warning signal is: on-site or remote check. */
  public static final String SIGNAL_SEVERITY_DECISION = "warning-signal-severity";
  /** The five-tier classification of a loan under review. */
  public static final String CLASSIFICATION_DECISION = "risk-classification";

  private PostLoanMonitoringProcess() {}

  public static final class Elements {
    /** 贷款已发放 */
    public static final String START_LOAN_DISBURSED = "StartEvent_LoanDisbursed";
    /** 登记贷后监控 */
    public static final String TASK_ENROL_LOAN = "ServiceTask_EnrolLoan";
    /** 首次贷后检查 */
    public static final String TASK_FIRST_POST_LOAN_CHECK = "UserTask_FirstPostLoanCheck";
    public static final String GATEWAY_NEXT_CHECK_JOIN = "Gateway_NextCheckJoin";
    /** 安排下次定期检查 (asynchronous: a loan found off the books here fails the job, an incident) */
    public static final String TASK_SCHEDULE_NEXT_CHECK = "ServiceTask_ScheduleNextCheck";
    /** 定期检查已到期 */
    public static final String TIMER_PERIODIC_CHECK_DUE = "TimerEvent_PeriodicCheckDue";
    /**
     * 定期检查是否仍到期? (否: a check done since the timer was armed moved the period, e.g. the retry of a timer that met a
     * completion in the same moment)
     */
    public static final String GATEWAY_PERIODIC_CHECK_STILL_DUE = "Gateway_PeriodicCheckStillDue";
    /** 发起定期检查 */
    public static final String TASK_OPEN_PERIODIC_CHECK = "ServiceTask_OpenPeriodicCheck";
    /** 是否正在核查预警信号? */
    public static final String GATEWAY_SIGNAL_CHECK_OPEN = "Gateway_SignalCheckOpen";
    public static final String GATEWAY_AWAIT_SIGNAL_CHECKS_JOIN = "Gateway_AwaitSignalChecksJoin";
    /**
     * 预警信号核查已完成 (the periodic check that fell due while a check of signals was open, or that a signal's check took
     * over, waits for it)
     */
    public static final String EVENT_SIGNAL_CHECKS_DONE = "MessageEvent_SignalChecksDone";
    /** 定期贷后检查 (post-loan-check) */
    public static final String CALL_PERIODIC_CHECK = "CallActivity_PeriodicCheck";
    /** 定期检查已由预警信号核查代替 (message PeriodicCheckSuperseded: the periodic check ends with its task) */
    public static final String EVENT_PERIODIC_CHECK_SUPERSEDED = "BoundaryEvent_PeriodicCheckSuperseded";
    /**
     * 定期检查流程已终止 (message PeriodicCheckCancelled, non-interrupting: an operator cancelled the periodic check's
     * instance; the engine cancels the call activity with it, monitoring goes on to 安排下次定期检查)
     */
    public static final String EVENT_PERIODIC_CHECK_CANCELLED = "BoundaryEvent_PeriodicCheckCancelled";
    /** 预警信号核查 (event subprocess: a signal pushed by another system or a person) */
    public static final String SUBPROCESS_WARNING_SIGNAL = "SubProcess_WarningSignal";
    /** 预警信号已触发 */
    public static final String START_WARNING_SIGNAL_RAISED = "StartEvent_WarningSignalRaised";
    /** 核查预警信号 (post-loan-check) */
    public static final String CALL_SIGNAL_CHECK = "CallActivity_SignalCheck";
    /** 预警信号已核查 */
    public static final String END_SIGNAL_CHECKED = "EndEvent_SignalChecked";
    /** 外部数据定期复查 (event subprocess, every month) */
    public static final String SUBPROCESS_EXTERNAL_DATA_REQUERY = "SubProcess_ExternalDataRequery";
    /** 复查时间已到 */
    public static final String START_REQUERY_DUE = "StartEvent_RequeryDue";
    /** 复查外部数据 */
    public static final String TASK_REQUERY_EXTERNAL_DATA = "ServiceTask_RequeryExternalData";
    /** 是否发现新预警信号? */
    public static final String GATEWAY_NEW_SIGNALS_FOUND = "Gateway_NewSignalsFound";
    /**
     * 接管定期检查 (asynchronous: a periodic check still open is taken over by the re-query's check, message
     * PeriodicCheckSuperseded, in a transaction of its own)
     */
    public static final String TASK_TAKE_OVER_PERIODIC_CHECK = "ServiceTask_TakeOverPeriodicCheck";
    /** 核查预警信号 (post-loan-check) */
    public static final String CALL_REQUERY_CHECK = "CallActivity_RequeryCheck";
    /** 预警信号已核查 */
    public static final String END_REQUERY_CHECKED = "EndEvent_RequeryChecked";
    /** 未发现新预警信号 */
    public static final String END_NO_NEW_SIGNALS = "EndEvent_NoNewSignals";
    /** 风险分类调整 (event subprocess: a person's reclassification, four eyes) */
    public static final String SUBPROCESS_RECLASSIFICATION = "SubProcess_Reclassification";
    /** 风险分类调整已提出 */
    public static final String START_RECLASSIFICATION_PROPOSED = "StartEvent_ReclassificationProposed";
    /** 审批风险分类调整 */
    public static final String TASK_APPROVE_RECLASSIFICATION = "UserTask_ApproveReclassification";
    /** 是否批准调整? */
    public static final String GATEWAY_RECLASSIFICATION_APPROVED = "Gateway_ReclassificationApproved";
    /** 调整风险分类 */
    public static final String TASK_APPLY_RECLASSIFICATION = "ServiceTask_ApplyReclassification";
    /** 通知催收复评 (asynchronous: the loan's open collection case reviews its next step) */
    public static final String TASK_NOTIFY_COLLECTIONS = "ServiceTask_NotifyCollections";
    /** 风险分类已调整 */
    public static final String END_RECLASSIFIED = "EndEvent_Reclassified";
    /** 调整已驳回 */
    public static final String END_RECLASSIFICATION_REJECTED = "EndEvent_ReclassificationRejected";
    /** 贷款结清或核销 (interrupting event subprocess) */
    public static final String SUBPROCESS_LOAN_CLOSED = "SubProcess_LoanClosed";
    /** 贷款已结清或核销 */
    public static final String START_LOAN_CLOSED = "StartEvent_LoanClosed";
    /** 结束贷后监控 */
    public static final String TASK_END_MONITORING = "ServiceTask_EndMonitoring";
    /** 贷后监控已结束 */
    public static final String END_MONITORING_ENDED = "EndEvent_MonitoringEnded";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String TO_ENROL_LOAN = "SequenceFlow_ToEnrolLoan";
    public static final String TO_FIRST_CHECK = "SequenceFlow_ToFirstCheck";
    public static final String FIRST_CHECK_DONE = "SequenceFlow_FirstCheckDone";
    public static final String TO_SCHEDULE_NEXT_CHECK = "SequenceFlow_ToScheduleNextCheck";
    public static final String TO_PERIODIC_CHECK_DUE = "SequenceFlow_ToPeriodicCheckDue";
    public static final String PERIODIC_CHECK_DUE = "SequenceFlow_PeriodicCheckDue";
    /** 是: the periodic check falls due */
    public static final String PERIODIC_CHECK_STILL_DUE_YES = "SequenceFlow_PeriodicCheckStillDueYes";
    /** 否: a check done since moved the period; the next one is scheduled */
    public static final String PERIODIC_CHECK_STILL_DUE_NO = "SequenceFlow_PeriodicCheckStillDueNo";
    public static final String TO_SIGNAL_CHECK_OPEN = "SequenceFlow_ToSignalCheckOpen";
    /** 否: the periodic check runs */
    public static final String SIGNAL_CHECK_OPEN_NO = "SequenceFlow_SignalCheckOpenNo";
    /** 是: the open check of signals counts as this period's check */
    public static final String SIGNAL_CHECK_OPEN_YES = "SequenceFlow_SignalCheckOpenYes";
    /** A signal's check took over the open periodic check. */
    public static final String PERIODIC_CHECK_SUPERSEDED = "SequenceFlow_PeriodicCheckSuperseded";
    /** An operator cancelled the periodic check's instance: the next periodic check is scheduled. */
    public static final String PERIODIC_CHECK_CANCELLED = "SequenceFlow_PeriodicCheckCancelled";
    public static final String TO_SIGNAL_CHECKS_DONE = "SequenceFlow_ToSignalChecksDone";
    public static final String SIGNAL_CHECKS_DONE = "SequenceFlow_SignalChecksDone";
    public static final String PERIODIC_CHECK_DONE = "SequenceFlow_PeriodicCheckDone";
    public static final String TO_SIGNAL_CHECK = "SequenceFlow_ToSignalCheck";
    public static final String SIGNAL_CHECK_DONE = "SequenceFlow_SignalCheckDone";
    public static final String TO_REQUERY_EXTERNAL_DATA = "SequenceFlow_ToRequeryExternalData";
    public static final String TO_NEW_SIGNALS_FOUND = "SequenceFlow_ToNewSignalsFound";
    /** 是 */
    public static final String NEW_SIGNALS_FOUND_YES = "SequenceFlow_NewSignalsFoundYes";
    /** 否 */
    public static final String NEW_SIGNALS_FOUND_NO = "SequenceFlow_NewSignalsFoundNo";
    public static final String TO_REQUERY_CHECK = "SequenceFlow_ToRequeryCheck";
    public static final String REQUERY_CHECK_DONE = "SequenceFlow_RequeryCheckDone";
    public static final String TO_APPROVE_RECLASSIFICATION = "SequenceFlow_ToApproveReclassification";
    public static final String TO_RECLASSIFICATION_APPROVED = "SequenceFlow_ToReclassificationApproved";
    /** 批准 */
    public static final String RECLASSIFICATION_APPROVED_YES = "SequenceFlow_ReclassificationApprovedYes";
    /** 驳回 */
    public static final String RECLASSIFICATION_APPROVED_NO = "SequenceFlow_ReclassificationApprovedNo";
    public static final String RECLASSIFICATION_APPLIED = "SequenceFlow_ReclassificationApplied";
    public static final String COLLECTIONS_NOTIFIED = "SequenceFlow_CollectionsNotified";
    public static final String TO_END_MONITORING = "SequenceFlow_ToEndMonitoring";
    public static final String MONITORING_ENDED = "SequenceFlow_MonitoringEnded";

    private Flows() {}
  }

  public static final class Messages {
    /** Starts monitoring of a disbursed loan (business key = loan id). */
    public static final String LOAN_DISBURSED = LoanOriginationProcess.Messages.LOAN_DISBURSED;
    /** A signal pushed by another system or a person starts a check at once (the check's id in the triggered scope). */
    public static final String WARNING_SIGNAL_RAISED = "WarningSignalRaised";
    /** A person proposed a reclassification: a second person approves or rejects it. */
    public static final String RECLASSIFICATION_PROPOSED = "ReclassificationProposed";
    /** The loan was settled or written off: monitoring ends, open checks are cancelled. */
    public static final String LOAN_CLOSED = "LoanClosed";
    /**
     * The loan's last open check of warning signals is done: a periodic check that fell due while it was open (and was
     * not opened beside it) is scheduled again, from this completion.
     */
    public static final String SIGNAL_CHECKS_DONE = "SignalChecksDone";
    /**
     * A check of warning signals was opened while a periodic check is open: the signal's check takes over, the periodic
     * check ends (由预警信号核查代替) and the next one is scheduled from the completion of the checks of signals.
     */
    public static final String PERIODIC_CHECK_SUPERSEDED = "PeriodicCheckSuperseded";
    /**
     * An operator cancelled the post-loan-check instance of the open periodic check on its own: monitoring, whose call
     * activity the engine cancels with it, goes on and schedules the next periodic check (from the last check done).
     */
    public static final String PERIODIC_CHECK_CANCELLED = "PeriodicCheckCancelled";

    private Messages() {}
  }

  /**
   * The variables the process owns: only what its gateways, timers, call activities and a scope's later job read,
   * written by monitoring's code. Everything else (checks, signals, classification) lives in monitoring's tables.
   */
  public static final class Variables {
    /** Reserved: the loan id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);
    /** When the next periodic check falls due (the timer); moved when the loan joins or leaves the watch list. */
    public static final ProcessVariable<Date> PERIODIC_CHECK_DUE = ProcessVariable.of("periodicCheckDue", Date.class);
    /**
     * Always true: read only by the gateway 贷款是否仍在账? of the versions before it was removed (instances started on
     * them and not moved by the rollout still pass it). A loan found off the books fails the scheduling instead.
     */
    public static final ProcessVariable<Boolean> LOAN_ON_BOOKS = ProcessVariable.of("loanOnBooks", Boolean.class);
    /**
     * Whether a check of warning signals was open when the periodic check fell due: then none is opened beside it,
     * and the next one is scheduled from that check's completion.
     */
    public static final ProcessVariable<Boolean> SIGNAL_CHECK_OPEN = ProcessVariable.of("signalCheckOpen", Boolean.class);
    /**
     * The check a call activity runs: the business key of its post-loan-check. Local to the event
     * subprocess that runs a signal check, so checks of several signals run side by side.
     */
    public static final ProcessVariable<String> CHECK_ID = ProcessVariable.of("checkId", String.class);
    /** Whether the re-query of the external data found new signals (local to the re-query). */
    public static final ProcessVariable<Boolean> NEW_WARNING_SIGNALS = ProcessVariable.of("newWarningSignals", Boolean.class);
    /**
     * The loan's branch, local to the reclassification's scope: 审批风险分类调整 is offered to {@code credit-approvers}
     * and {@code <branch>-leads}, so a lead sees the proposals of the loan's branch only. Set with each proposal.
     */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    /** Whether the second person approved the proposed reclassification. */
    public static final ProcessVariable<Boolean> RECLASSIFICATION_APPROVED =
        ProcessVariable.of("reclassificationApproved", Boolean.class);
    /**
     * The proposal 调整风险分类 applied, local to the reclassification's scope: its 通知催收复评 (a job, run later) notes
     * what collections did on that proposal, not on whichever was approved last. Absent in instances whose job was
     * waiting before it was set.
     */
    public static final ProcessVariable<String> RECLASSIFICATION_PROPOSAL_ID =
        ProcessVariable.of("reclassificationProposalId", String.class);

    private Variables() {}
  }
}
