package com.smeloanflow.process;

import java.util.Date;

/**
 * Declaration of {@code bpmn/loan-origination.bpmn}: its key, every element and sequence-flow id, its
 * messages, errors and the variables the process owns. {@code ProcessModelTest} checks that
 * the constants and the deployed model name the same elements, so a rename in Modeler fails the build.
 * The application id is the process instance's business key.
 */
public final class LoanOriginationProcess {

  public static final String KEY = "loan-origination";

  private LoanOriginationProcess() {}

  /** Element ids: the stages (embedded subprocesses) and what is in them. */
  public static final class Elements {
    /** 贷款申请已收到 */
    public static final String START_APPLICATION_RECEIVED = "StartEvent_ApplicationReceived";
    /** 网点受理 */
    public static final String STAGE_ACCEPTANCE = "SubProcess_Acceptance";
    /** 申请待受理 */
    public static final String START_ACCEPTANCE_STARTED = "StartEvent_AcceptanceStarted";
    /** 是否需要网点受理? */
    public static final String GATEWAY_BRANCH_ACCEPTANCE_REQUIRED = "Gateway_BranchAcceptanceRequired";
    public static final String GATEWAY_ACCEPTANCE_ATTEMPT = "Gateway_AcceptanceAttempt";
    /** 受理贷款申请 */
    public static final String TASK_ACCEPT_APPLICATION = "UserTask_AcceptApplication";
    /** 资料是否齐全? */
    public static final String GATEWAY_DOCUMENTS_COMPLETE = "Gateway_DocumentsComplete";
    /** 发送补件通知 */
    public static final String TASK_NOTIFY_DOCUMENTS_MISSING = "SendTask_NotifyDocumentsMissing";
    /** 登记补充资料 */
    public static final String TASK_RECEIVE_MISSING_DOCUMENTS = "UserTask_ReceiveMissingDocuments";
    /** 补充资料已上传 */
    public static final String BOUNDARY_DOCUMENTS_RECEIVED = "BoundaryEvent_DocumentsReceived";
    /** 补件已超期 */
    public static final String BOUNDARY_DOCUMENTS_OVERDUE = "BoundaryEvent_DocumentsOverdue";
    /** 撤销贷款申请 */
    public static final String TASK_WITHDRAW_APPLICATION = "ServiceTask_WithdrawApplication";
    /** 申请已撤销 */
    public static final String END_ACCEPTANCE_WITHDRAWN = "EndEvent_AcceptanceWithdrawn";
    public static final String GATEWAY_ACCEPTED = "Gateway_Accepted";
    /** 申请已受理 */
    public static final String END_APPLICATION_ACCEPTED = "EndEvent_ApplicationAccepted";
    /** 集中作业 */
    public static final String STAGE_PROCESSING = "SubProcess_Processing";
    /** 申请已进入集中作业 */
    public static final String START_PROCESSING_STARTED = "StartEvent_ProcessingStarted";
    /** 采集外部数据 */
    public static final String TASK_GATHER_EXTERNAL_DATA = "ServiceTask_GatherExternalData";
    /** 检查重复申请 */
    public static final String TASK_CHECK_DUPLICATES = "ServiceTask_CheckDuplicates";
    /** 四维评分 */
    public static final String TASK_SCORE_APPLICATION = "ServiceTask_ScoreApplication";
    /** 是否抵押贷款? */
    public static final String GATEWAY_MORTGAGE_LOAN = "Gateway_MortgageLoan";
    /** 核定抵押率 */
    public static final String RULE_DECIDE_COLLATERAL_LIMIT = "BusinessRuleTask_DecideCollateralLimit";
    public static final String GATEWAY_COLLATERAL_LIMIT_DONE = "Gateway_CollateralLimitDone";
    /** 判断产品准入 */
    public static final String RULE_CHECK_PRODUCT_ELIGIBILITY = "BusinessRuleTask_CheckProductEligibility";
    public static final String GATEWAY_ROUTE_DECISION = "Gateway_RouteDecision";
    /** 确定审批路径 */
    public static final String RULE_DECIDE_APPROVAL_ROUTE = "BusinessRuleTask_DecideApprovalRoute";
    /** 是否需要集中复核? */
    public static final String GATEWAY_EXCEPTION_REVIEW_NEEDED = "Gateway_ExceptionReviewNeeded";
    /** 复核异常申请 */
    public static final String TASK_REVIEW_EXCEPTION = "UserTask_ReviewException";
    /** 复核结论? */
    public static final String GATEWAY_REVIEW_OUTCOME = "Gateway_ReviewOutcome";
    /** 申请已拒绝 */
    public static final String END_REVIEW_DECLINED = "EndEvent_ReviewDeclined";
    /** 是否拒绝? */
    public static final String GATEWAY_ROUTE_REJECTED = "Gateway_RouteRejected";
    /** 记录模型拒绝 */
    public static final String TASK_DECLINE_BY_MODEL = "ServiceTask_DeclineByModel";
    /** 申请已拒绝 */
    public static final String END_MODEL_DECLINED = "EndEvent_ModelDeclined";
    /** 贷款定价 */
    public static final String RULE_PRICE_LOAN = "BusinessRuleTask_PriceLoan";
    /** 判断是否远程核实 */
    public static final String RULE_CHECK_REMOTE_VERIFICATION = "BusinessRuleTask_CheckRemoteVerification";
    /** 集中作业已完成 */
    public static final String END_PROCESSING_DONE = "EndEvent_ProcessingDone";
    /** 远程核实 */
    public static final String STAGE_VERIFICATION = "SubProcess_Verification";
    /** 待核实 */
    public static final String START_VERIFICATION_STARTED = "StartEvent_VerificationStarted";
    /** 是否需要远程核实? */
    public static final String GATEWAY_REMOTE_VERIFICATION_REQUIRED = "Gateway_RemoteVerificationRequired";
    public static final String GATEWAY_VERIFICATION_ATTEMPT = "Gateway_VerificationAttempt";
    /** 远程核实申请人 */
    public static final String TASK_VERIFY_REMOTELY = "UserTask_VerifyRemotely";
    /** 核实结果? */
    public static final String GATEWAY_VERIFICATION_OUTCOME = "Gateway_VerificationOutcome";
    /** 可再次联系? */
    public static final String GATEWAY_CONTACT_ATTEMPTS_LEFT = "Gateway_ContactAttemptsLeft";
    /** 再次联系时间已到 */
    public static final String TIMER_NEXT_CONTACT_ATTEMPT = "TimerEvent_NextContactAttempt";
    public static final String GATEWAY_INVESTIGATION_NEEDED = "Gateway_InvestigationNeeded";
    /** 实地调查申请人 */
    public static final String TASK_INVESTIGATE_ON_SITE = "UserTask_InvestigateOnSite";
    /** 实地调查结论? */
    public static final String GATEWAY_INVESTIGATION_OUTCOME = "Gateway_InvestigationOutcome";
    /** 申请已拒绝 */
    public static final String END_INVESTIGATION_DECLINED = "EndEvent_InvestigationDeclined";
    public static final String GATEWAY_VERIFICATION_DONE = "Gateway_VerificationDone";
    /** 核实已完成 */
    public static final String END_VERIFICATION_DONE = "EndEvent_VerificationDone";
    /** 审批 */
    public static final String STAGE_APPROVAL = "SubProcess_Approval";
    /** 待审批 */
    public static final String START_APPROVAL_STARTED = "StartEvent_ApprovalStarted";
    public static final String GATEWAY_APPROVAL_ATTEMPT = "Gateway_ApprovalAttempt";
    /** 审批路径? */
    public static final String GATEWAY_APPROVAL_ROUTE = "Gateway_ApprovalRoute";
    /** 模型自动审批 */
    public static final String TASK_APPROVE_AUTOMATICALLY = "ServiceTask_ApproveAutomatically";
    /** 审批贷款申请 */
    public static final String TASK_APPROVE_LOAN = "UserTask_ApproveLoan";
    /** 贷审会委员投票 */
    public static final String TASK_COMMITTEE_VOTE = "UserTask_CommitteeVote";
    /** 表决期限已到 */
    public static final String BOUNDARY_COMMITTEE_DEADLINE = "BoundaryEvent_CommitteeDeadline";
    /** 统计贷审会表决 */
    public static final String TASK_TALLY_COMMITTEE_VOTES = "ServiceTask_TallyCommitteeVotes";
    /** 表决结果? */
    public static final String GATEWAY_COMMITTEE_OUTCOME = "Gateway_CommitteeOutcome";
    public static final String GATEWAY_CHAIR_DECISION_NEEDED = "Gateway_ChairDecisionNeeded";
    /** 签发贷审会决议 */
    public static final String TASK_DECIDE_COMMITTEE_RESOLUTION = "UserTask_DecideCommitteeResolution";
    public static final String GATEWAY_COMMITTEE_DECIDED = "Gateway_CommitteeDecided";
    public static final String GATEWAY_APPROVAL_DECISION_JOIN = "Gateway_ApprovalDecisionJoin";
    /** 审批结论? */
    public static final String GATEWAY_APPROVAL_DECISION = "Gateway_ApprovalDecision";
    /** 补充审批所需信息 */
    public static final String TASK_PROVIDE_INFORMATION = "UserTask_ProvideInformation";
    /** 按审批条件重新定价 */
    public static final String RULE_REPRICE_LOAN = "BusinessRuleTask_RepriceLoan";
    /** 申请已拒绝 */
    public static final String END_APPROVAL_DECLINED = "EndEvent_ApprovalDeclined";
    public static final String GATEWAY_APPROVED = "Gateway_Approved";
    /** 记录审批结果 */
    public static final String TASK_RECORD_APPROVAL = "ServiceTask_RecordApproval";
    /** 贷款已批准 */
    public static final String END_LOAN_APPROVED = "EndEvent_LoanApproved";
    /** 签约放款 */
    public static final String STAGE_CONTRACT_AND_DISBURSEMENT = "SubProcess_ContractAndDisbursement";
    /** 贷款已批准 */
    public static final String START_CONTRACT_STARTED = "StartEvent_ContractStarted";
    /** 生成借款合同 */
    public static final String TASK_GENERATE_CONTRACT = "ServiceTask_GenerateContract";
    /** 发送签约通知 */
    public static final String TASK_NOTIFY_CONTRACT_READY = "SendTask_NotifyContractReady";
    /** 等待客户签署合同 */
    public static final String WAIT_SIGNATURE = "ReceiveTask_AwaitSignature";
    /** 签约已超期 */
    public static final String BOUNDARY_SIGNATURE_OVERDUE = "BoundaryEvent_SignatureOverdue";
    /** 是否需保证人签署保证合同? */
    public static final String GATEWAY_GUARANTEES_REQUIRED = "Gateway_GuaranteesRequired";
    /** 等待保证人签署保证合同 */
    public static final String WAIT_GUARANTEE_SIGNATURES = "ReceiveTask_AwaitGuaranteeSignatures";
    /** 保证合同签署已超期 */
    public static final String BOUNDARY_GUARANTEE_SIGNATURES_OVERDUE = "BoundaryEvent_GuaranteeSignaturesOverdue";
    public static final String GATEWAY_GUARANTEES_DONE = "Gateway_GuaranteesDone";
    /** 是否需办理抵押登记? */
    public static final String GATEWAY_MORTGAGE_REGISTRATION_REQUIRED = "Gateway_MortgageRegistrationRequired";
    /** 等待线上抵押登记 */
    public static final String WAIT_MORTGAGE_REGISTRATION = "ReceiveTask_AwaitMortgageRegistration";
    /** 抵押登记已超期 */
    public static final String BOUNDARY_MORTGAGE_REGISTRATION_OVERDUE = "BoundaryEvent_MortgageRegistrationOverdue";
    public static final String GATEWAY_MORTGAGE_DONE = "Gateway_MortgageDone";
    public static final String GATEWAY_DISBURSEMENT_CHECK_ATTEMPT = "Gateway_DisbursementCheckAttempt";
    /** 是否需人工审核放款条件? */
    public static final String GATEWAY_DISBURSEMENT_CHECK_REQUIRED = "Gateway_DisbursementCheckRequired";
    /** 审核放款条件 */
    public static final String TASK_CHECK_DISBURSEMENT_CONDITIONS = "UserTask_CheckDisbursementConditions";
    /** 放款审核结论? */
    public static final String GATEWAY_DISBURSEMENT_CHECK_OUTCOME = "Gateway_DisbursementCheckOutcome";
    /** 发送暂缓放款通知 */
    public static final String TASK_NOTIFY_DISBURSEMENT_HELD = "SendTask_NotifyDisbursementHeld";
    /** 暂缓期已满 */
    public static final String TIMER_HOLD_EXPIRED = "TimerEvent_HoldExpired";
    /** 发送放款补件通知 */
    public static final String TASK_NOTIFY_SUPPLEMENT_REQUIRED = "SendTask_NotifySupplementRequired";
    /** 登记放款补充资料 */
    public static final String TASK_RECEIVE_DISBURSEMENT_DOCUMENTS = "UserTask_ReceiveDisbursementDocuments";
    /** 放款补充资料已上传 */
    public static final String BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED = "BoundaryEvent_DisbursementDocumentsReceived";
    /** 放款补件已超期 */
    public static final String BOUNDARY_DISBURSEMENT_DOCUMENTS_OVERDUE = "BoundaryEvent_DisbursementDocumentsOverdue";
    public static final String GATEWAY_DISBURSEMENT_DOCUMENTS_IN = "Gateway_DisbursementDocumentsIn";
    /** 记录不予放款 */
    public static final String TASK_DECLINE_DISBURSEMENT = "ServiceTask_DeclineDisbursement";
    public static final String GATEWAY_DISBURSEMENT_DECLINED = "Gateway_DisbursementDeclined";
    /** 解除合同并注销抵押 */
    public static final String TASK_CANCEL_CONTRACT_ON_DECLINE = "ServiceTask_CancelContractOnDecline";
    /** 申请已拒绝 */
    public static final String END_DISBURSEMENT_DECLINED = "EndEvent_DisbursementDeclined";
    public static final String GATEWAY_CONTRACT_EXPIRED = "Gateway_ContractExpired";
    /** 撤销未完成签约的申请 */
    public static final String TASK_WITHDRAW_UNSIGNED = "ServiceTask_WithdrawUnsigned";
    /** 解除合同并注销抵押 */
    public static final String TASK_CANCEL_CONTRACT_ON_EXPIRY = "ServiceTask_CancelContractOnExpiry";
    /** 申请已撤销 */
    public static final String END_CONTRACT_EXPIRED = "EndEvent_ContractExpired";
    public static final String GATEWAY_READY_TO_DISBURSE = "Gateway_ReadyToDisburse";
    /** 是否开立循环额度? (a REVOLVING_LINE opens a line instead of a payout) */
    public static final String GATEWAY_CREDIT_LINE = "Gateway_CreditLine";
    /** 开立循环额度 */
    public static final String TASK_OPEN_CREDIT_LINE = "ServiceTask_OpenCreditLine";
    /** 发送额度开立通知 */
    public static final String TASK_NOTIFY_CREDIT_LINE_OPENED = "SendTask_NotifyCreditLineOpened";
    /** 循环额度已开立 */
    public static final String END_CREDIT_LINE_OPENED = "EndEvent_CreditLineOpened";
    /** 发放贷款 */
    public static final String TASK_DISBURSE_LOAN = "ServiceTask_DisburseLoan";
    /** 开立贷款账户 */
    public static final String TASK_OPEN_LOAN_ACCOUNT = "ServiceTask_OpenLoanAccount";
    /** 发送放款通知 */
    public static final String TASK_NOTIFY_DISBURSEMENT = "SendTask_NotifyDisbursement";
    /** 贷后监控已启动 */
    public static final String EVENT_START_POST_LOAN_MONITORING = "ThrowEvent_StartPostLoanMonitoring";
    /** 贷款已放款 */
    public static final String END_LOAN_PAID_OUT = "EndEvent_LoanPaidOut";
    /** 贷款已发放 */
    public static final String END_LOAN_DISBURSED = "EndEvent_LoanDisbursed";
    public static final String GATEWAY_DECLINED = "Gateway_Declined";
    /** 发送拒贷通知 */
    public static final String TASK_NOTIFY_REJECTION = "SendTask_NotifyRejection";
    /** 申请已拒绝 */
    public static final String END_APPLICATION_REJECTED = "EndEvent_ApplicationRejected";
    public static final String GATEWAY_WITHDRAWN = "Gateway_Withdrawn";
    /** 发送撤销通知 */
    public static final String TASK_NOTIFY_WITHDRAWAL = "SendTask_NotifyWithdrawal";
    /** 申请已撤销 */
    public static final String END_APPLICATION_WITHDRAWN = "EndEvent_ApplicationWithdrawn";
    /** 申请已撤销 */
    public static final String BOUNDARY_ACCEPTANCE_WITHDRAWN = "BoundaryEvent_AcceptanceWithdrawn";
    /** 申请已拒绝 */
    public static final String BOUNDARY_PROCESSING_DECLINED = "BoundaryEvent_ProcessingDeclined";
    /** 申请已拒绝 */
    public static final String BOUNDARY_VERIFICATION_DECLINED = "BoundaryEvent_VerificationDeclined";
    /** 申请已拒绝 */
    public static final String BOUNDARY_APPROVAL_DECLINED = "BoundaryEvent_ApprovalDeclined";
    /** 申请已拒绝 */
    public static final String BOUNDARY_CONTRACT_DECLINED = "BoundaryEvent_ContractDeclined";
    /** 申请已撤销 */
    public static final String BOUNDARY_CONTRACT_WITHDRAWN = "BoundaryEvent_ContractWithdrawn";

    private Elements() {}
  }

  /** Sequence-flow ids (the answers of the gateways, the paths tests assert). */
  public static final class Flows {
    public static final String ACCEPTANCE_STARTED = "SequenceFlow_AcceptanceStarted";
    /** 需要 */
    public static final String BRANCH_ACCEPTANCE_REQUIRED_YES = "SequenceFlow_BranchAcceptanceRequiredYes";
    /** 线上信用快贷, 无需受理 */
    public static final String BRANCH_ACCEPTANCE_REQUIRED_NO = "SequenceFlow_BranchAcceptanceRequiredNo";
    public static final String TO_ACCEPTANCE = "SequenceFlow_ToAcceptance";
    public static final String ACCEPTANCE_CHECKED = "SequenceFlow_AcceptanceChecked";
    /** 齐全 */
    public static final String DOCUMENTS_COMPLETE_YES = "SequenceFlow_DocumentsCompleteYes";
    /** 不齐全 */
    public static final String DOCUMENTS_COMPLETE_NO = "SequenceFlow_DocumentsCompleteNo";
    public static final String DOCUMENTS_REQUESTED = "SequenceFlow_DocumentsRequested";
    public static final String DOCUMENTS_BROUGHT_TO_BRANCH = "SequenceFlow_DocumentsBroughtToBranch";
    public static final String DOCUMENTS_UPLOADED = "SequenceFlow_DocumentsUploaded";
    public static final String DOCUMENTS_OVERDUE = "SequenceFlow_DocumentsOverdue";
    public static final String WITHDRAWN = "SequenceFlow_Withdrawn";
    public static final String TO_ACCEPTED = "SequenceFlow_ToAccepted";
    public static final String PROCESSING_STARTED = "SequenceFlow_ProcessingStarted";
    public static final String EXTERNAL_DATA_GATHERED = "SequenceFlow_ExternalDataGathered";
    public static final String DUPLICATES_CHECKED = "SequenceFlow_DuplicatesChecked";
    public static final String SCORED = "SequenceFlow_Scored";
    /** 抵押贷款 */
    public static final String MORTGAGE_LOAN_YES = "SequenceFlow_MortgageLoanYes";
    /** 其他 */
    public static final String MORTGAGE_LOAN_NO = "SequenceFlow_MortgageLoanNo";
    public static final String COLLATERAL_LIMIT_DECIDED = "SequenceFlow_CollateralLimitDecided";
    public static final String TO_ELIGIBILITY = "SequenceFlow_ToEligibility";
    public static final String ELIGIBILITY_CHECKED = "SequenceFlow_EligibilityChecked";
    public static final String TO_ROUTE_DECISION = "SequenceFlow_ToRouteDecision";
    public static final String ROUTE_DECIDED = "SequenceFlow_RouteDecided";
    /** 需要 */
    public static final String EXCEPTION_REVIEW_NEEDED_YES = "SequenceFlow_ExceptionReviewNeededYes";
    /** 不需要 */
    public static final String EXCEPTION_REVIEW_NEEDED_NO = "SequenceFlow_ExceptionReviewNeededNo";
    public static final String EXCEPTION_REVIEWED = "SequenceFlow_ExceptionReviewed";
    /** 继续办理(转人工审批) */
    public static final String REVIEW_OUTCOME_CONTINUE = "SequenceFlow_ReviewOutcomeContinue";
    /** 拒绝 */
    public static final String REVIEW_OUTCOME_REJECT = "SequenceFlow_ReviewOutcomeReject";
    /** 拒绝 */
    public static final String ROUTE_REJECTED_YES = "SequenceFlow_RouteRejectedYes";
    /** 继续 */
    public static final String ROUTE_REJECTED_NO = "SequenceFlow_RouteRejectedNo";
    public static final String MODEL_DECLINED = "SequenceFlow_ModelDeclined";
    public static final String PRICED = "SequenceFlow_Priced";
    public static final String VERIFICATION_CHECKED = "SequenceFlow_VerificationChecked";
    public static final String VERIFICATION_STARTED = "SequenceFlow_VerificationStarted";
    /** 需要 */
    public static final String REMOTE_VERIFICATION_REQUIRED_YES = "SequenceFlow_RemoteVerificationRequiredYes";
    /** 不需要 */
    public static final String REMOTE_VERIFICATION_REQUIRED_NO = "SequenceFlow_RemoteVerificationRequiredNo";
    public static final String TO_REMOTE_VERIFICATION = "SequenceFlow_ToRemoteVerification";
    public static final String REMOTE_VERIFIED = "SequenceFlow_RemoteVerified";
    /** 核实通过 */
    public static final String VERIFICATION_CONFIRMED = "SequenceFlow_VerificationConfirmed";
    /** 无法联系 */
    public static final String VERIFICATION_UNREACHABLE = "SequenceFlow_VerificationUnreachable";
    /** 核实未通过 */
    public static final String VERIFICATION_FAILED = "SequenceFlow_VerificationFailed";
    /** 可以 (少于3次) */
    public static final String CONTACT_ATTEMPTS_LEFT_YES = "SequenceFlow_ContactAttemptsLeftYes";
    /** 已联系3次 */
    public static final String CONTACT_ATTEMPTS_LEFT_NO = "SequenceFlow_ContactAttemptsLeftNo";
    public static final String CONTACT_AGAIN = "SequenceFlow_ContactAgain";
    public static final String TO_INVESTIGATION = "SequenceFlow_ToInvestigation";
    public static final String INVESTIGATED = "SequenceFlow_Investigated";
    /** 调查属实 */
    public static final String INVESTIGATION_CONFIRMED = "SequenceFlow_InvestigationConfirmed";
    /** 调查不属实 */
    public static final String INVESTIGATION_FAILED = "SequenceFlow_InvestigationFailed";
    public static final String TO_VERIFICATION_DONE = "SequenceFlow_ToVerificationDone";
    public static final String APPROVAL_STARTED = "SequenceFlow_ApprovalStarted";
    public static final String TO_APPROVAL_ROUTE = "SequenceFlow_ToApprovalRoute";
    /** 模型自动审批 */
    public static final String APPROVAL_ROUTE_AUTO = "SequenceFlow_ApprovalRouteAuto";
    /** 单人审批 */
    public static final String APPROVAL_ROUTE_SINGLE = "SequenceFlow_ApprovalRouteSingle";
    /** 贷审会 */
    public static final String APPROVAL_ROUTE_COMMITTEE = "SequenceFlow_ApprovalRouteCommittee";
    public static final String APPROVED_AUTOMATICALLY = "SequenceFlow_ApprovedAutomatically";
    public static final String APPROVER_DECIDED = "SequenceFlow_ApproverDecided";
    public static final String COMMITTEE_VOTED = "SequenceFlow_CommitteeVoted";
    public static final String VOTES_TALLIED = "SequenceFlow_VotesTallied";
    /** 多数否决或退回 */
    public static final String COMMITTEE_RESOLVED_BY_VOTE = "SequenceFlow_CommitteeResolvedByVote";
    /** 多数同意或未形成多数 */
    public static final String COMMITTEE_NEEDS_CHAIR = "SequenceFlow_CommitteeNeedsChair";
    public static final String COMMITTEE_DEADLINE_PASSED = "SequenceFlow_CommitteeDeadlinePassed";
    public static final String TO_CHAIR_DECISION = "SequenceFlow_ToChairDecision";
    public static final String CHAIR_DECIDED = "SequenceFlow_ChairDecided";
    public static final String COMMITTEE_DECIDED = "SequenceFlow_CommitteeDecided";
    public static final String TO_APPROVAL_DECISION = "SequenceFlow_ToApprovalDecision";
    /** 批准 */
    public static final String APPROVAL_DECISION_APPROVE = "SequenceFlow_ApprovalDecisionApprove";
    /** 附条件批准 */
    public static final String APPROVAL_DECISION_CONDITIONS = "SequenceFlow_ApprovalDecisionConditions";
    /** 退回补充信息 */
    public static final String APPROVAL_DECISION_RETURN = "SequenceFlow_ApprovalDecisionReturn";
    /** 拒绝 */
    public static final String APPROVAL_DECISION_REJECT = "SequenceFlow_ApprovalDecisionReject";
    public static final String INFORMATION_PROVIDED = "SequenceFlow_InformationProvided";
    public static final String REPRICED = "SequenceFlow_Repriced";
    public static final String TO_RECORD_APPROVAL = "SequenceFlow_ToRecordApproval";
    public static final String APPROVAL_RECORDED = "SequenceFlow_ApprovalRecorded";
    public static final String CONTRACT_STARTED = "SequenceFlow_ContractStarted";
    public static final String CONTRACT_GENERATED = "SequenceFlow_ContractGenerated";
    public static final String CONTRACT_SENT = "SequenceFlow_ContractSent";
    public static final String CONTRACT_SIGNED = "SequenceFlow_ContractSigned";
    /** 需要 */
    public static final String GUARANTEES_REQUIRED_YES = "SequenceFlow_GuaranteesRequiredYes";
    /** 不需要 */
    public static final String GUARANTEES_REQUIRED_NO = "SequenceFlow_GuaranteesRequiredNo";
    public static final String GUARANTEES_SIGNED = "SequenceFlow_GuaranteesSigned";
    public static final String TO_MORTGAGE_REGISTRATION = "SequenceFlow_ToMortgageRegistration";
    /** 需要 */
    public static final String MORTGAGE_REGISTRATION_REQUIRED_YES = "SequenceFlow_MortgageRegistrationRequiredYes";
    /** 不需要 */
    public static final String MORTGAGE_REGISTRATION_REQUIRED_NO = "SequenceFlow_MortgageRegistrationRequiredNo";
    public static final String MORTGAGE_REGISTERED = "SequenceFlow_MortgageRegistered";
    public static final String TO_DISBURSEMENT_CHECK = "SequenceFlow_ToDisbursementCheck";
    public static final String TO_DISBURSEMENT_CHECK_REQUIRED = "SequenceFlow_ToDisbursementCheckRequired";
    /** 需要 */
    public static final String DISBURSEMENT_CHECK_REQUIRED_YES = "SequenceFlow_DisbursementCheckRequiredYes";
    /** 自动审批, 系统已核验 */
    public static final String DISBURSEMENT_CHECK_REQUIRED_NO = "SequenceFlow_DisbursementCheckRequiredNo";
    public static final String DISBURSEMENT_CHECKED = "SequenceFlow_DisbursementChecked";
    /** 满足 */
    public static final String DISBURSEMENT_CONDITIONS_MET = "SequenceFlow_DisbursementConditionsMet";
    /** 暂缓放款 */
    public static final String DISBURSEMENT_HELD = "SequenceFlow_DisbursementHeld";
    public static final String HOLD_NOTIFIED = "SequenceFlow_HoldNotified";
    public static final String HOLD_EXPIRED = "SequenceFlow_HoldExpired";
    /** 需补充资料 */
    public static final String DISBURSEMENT_SUPPLEMENT_REQUIRED = "SequenceFlow_DisbursementSupplementRequired";
    public static final String SUPPLEMENT_REQUESTED = "SequenceFlow_SupplementRequested";
    public static final String SUPPLEMENT_BROUGHT_TO_BRANCH = "SequenceFlow_SupplementBroughtToBranch";
    public static final String SUPPLEMENT_UPLOADED = "SequenceFlow_SupplementUploaded";
    public static final String SUPPLEMENT_RECEIVED = "SequenceFlow_SupplementReceived";
    public static final String SUPPLEMENT_OVERDUE = "SequenceFlow_SupplementOverdue";
    /** 不予放款 */
    public static final String DISBURSEMENT_REFUSED = "SequenceFlow_DisbursementRefused";
    public static final String DISBURSEMENT_DECLINE_RECORDED = "SequenceFlow_DisbursementDeclineRecorded";
    public static final String TO_CANCEL_ON_DECLINE = "SequenceFlow_ToCancelOnDecline";
    public static final String CANCELLED_ON_DECLINE = "SequenceFlow_CancelledOnDecline";
    public static final String SIGNATURE_OVERDUE = "SequenceFlow_SignatureOverdue";
    public static final String GUARANTEE_SIGNATURES_OVERDUE = "SequenceFlow_GuaranteeSignaturesOverdue";
    public static final String MORTGAGE_REGISTRATION_OVERDUE = "SequenceFlow_MortgageRegistrationOverdue";
    public static final String TO_WITHDRAW_UNSIGNED = "SequenceFlow_ToWithdrawUnsigned";
    public static final String UNSIGNED_WITHDRAWN = "SequenceFlow_UnsignedWithdrawn";
    public static final String CANCELLED_ON_EXPIRY = "SequenceFlow_CancelledOnExpiry";
    public static final String TO_DISBURSEMENT = "SequenceFlow_ToDisbursement";
    public static final String CREDIT_LINE_NO = "SequenceFlow_CreditLineNo";
    public static final String CREDIT_LINE_YES = "SequenceFlow_CreditLineYes";
    public static final String CREDIT_LINE_OPENED = "SequenceFlow_CreditLineOpened";
    public static final String CREDIT_LINE_NOTIFIED = "SequenceFlow_CreditLineNotified";
    public static final String LOAN_DISBURSED = "SequenceFlow_LoanDisbursed";
    public static final String LOAN_ACCOUNT_OPENED = "SequenceFlow_LoanAccountOpened";
    public static final String DISBURSEMENT_NOTIFIED = "SequenceFlow_DisbursementNotified";
    public static final String MONITORING_STARTED = "SequenceFlow_MonitoringStarted";
    public static final String APPLICATION_RECEIVED = "SequenceFlow_ApplicationReceived";
    public static final String ACCEPTED = "SequenceFlow_Accepted";
    public static final String PROCESSED = "SequenceFlow_Processed";
    public static final String VERIFIED = "SequenceFlow_Verified";
    public static final String APPROVED = "SequenceFlow_Approved";
    public static final String PAID_OUT = "SequenceFlow_PaidOut";
    public static final String ACCEPTANCE_WITHDRAWN = "SequenceFlow_AcceptanceWithdrawn";
    public static final String PROCESSING_DECLINED = "SequenceFlow_ProcessingDeclined";
    public static final String VERIFICATION_DECLINED = "SequenceFlow_VerificationDeclined";
    public static final String APPROVAL_DECLINED = "SequenceFlow_ApprovalDeclined";
    public static final String CONTRACT_DECLINED = "SequenceFlow_ContractDeclined";
    public static final String CONTRACT_WITHDRAWN = "SequenceFlow_ContractWithdrawn";
    public static final String TO_NOTIFY_REJECTION = "SequenceFlow_ToNotifyRejection";
    public static final String REJECTION_NOTIFIED = "SequenceFlow_RejectionNotified";
    public static final String TO_NOTIFY_WITHDRAWAL = "SequenceFlow_ToNotifyWithdrawal";
    public static final String WITHDRAWAL_NOTIFIED = "SequenceFlow_WithdrawalNotified";

    private Flows() {}
  }

  /** Message names. */
  public static final class Messages {
    /** The applicant uploaded the missing documents through a channel (acceptance). */
    public static final String DOCUMENTS_RECEIVED = "DocumentsReceived";
    /** The applicant signed the loan contract in the e-signature service. */
    public static final String CONTRACT_SIGNED = "ContractSigned";
    /** Every guarantor signed their guarantee contract. */
    public static final String GUARANTEES_SIGNED = "GuaranteesSigned";
    /** The mortgage registry registered the collateral. */
    public static final String MORTGAGE_REGISTERED = "MortgageRegistered";
    /** The applicant uploaded the documents disbursement operations asked for. */
    public static final String DISBURSEMENT_DOCUMENTS_RECEIVED = "DisbursementDocumentsReceived";
    /** Starts post-loan-monitoring for a disbursed loan (business key = loan id). */
    public static final String LOAN_DISBURSED = "LoanDisbursed";

    private Messages() {}
  }

  /** BPMN error codes: how a stage ends an application without a loan. */
  public static final class Errors {
    /** The application was declined (rejected) in a stage; the decline record says why. */
    public static final String APPLICATION_DECLINED = "APPLICATION_DECLINED";
    /** The application was withdrawn (a deadline passed); the decline record says why. */
    public static final String APPLICATION_WITHDRAWN = "APPLICATION_WITHDRAWN";

    private Errors() {}
  }

  /**
   * The variables the process owns: only what its gateways and expressions read, written by the
   * stages' services through {@link ProcessVariable#set}. A user's task completion or start request
   * that names one is refused. Business data lives in the stages' tables.
   */
  public static final class Variables {
    /** Reserved: the application id is the business key. Never set; a user who sets it is refused. */
    public static final ProcessVariable<String> APPLICATION_ID = ProcessVariable.of("applicationId", String.class);
    /** The accepting branch: whose acceptance and customer-manager groups get the branch tasks. */
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    public static final ProcessVariable<Boolean> BRANCH_ACCEPTANCE_REQUIRED =
        ProcessVariable.of("branchAcceptanceRequired", Boolean.class);
    public static final ProcessVariable<Boolean> DOCUMENTS_COMPLETE = ProcessVariable.of("documentsComplete", Boolean.class);
    /** A mortgage loan: the collateral cap is decided and the mortgage registered before disbursement. */
    public static final ProcessVariable<Boolean> MORTGAGE_LOAN = ProcessVariable.of("mortgageLoan", Boolean.class);
    /** A REVOLVING_LINE application: disbursement opens a credit line instead of paying the limit out. */
    public static final ProcessVariable<Boolean> CREDIT_LINE = ProcessVariable.of("creditLine", Boolean.class);
    public static final ProcessVariable<Boolean> EXCEPTION_REVIEW_NEEDED = ProcessVariable.of("exceptionReviewNeeded", Boolean.class);
    /** CONTINUE or REJECT, from the processing centre's review. */
    public static final ProcessVariable<String> EXCEPTION_REVIEW_OUTCOME = ProcessVariable.of("exceptionReviewOutcome", String.class);
    /** AUTO, SINGLE, COMMITTEE or REJECT, from approval-authority. */
    public static final ProcessVariable<String> APPROVAL_ROUTE = ProcessVariable.of("approvalRoute", String.class);
    public static final ProcessVariable<Boolean> REMOTE_VERIFICATION_REQUIRED =
        ProcessVariable.of("remoteVerificationRequired", Boolean.class);
    /** CONFIRMED, UNREACHABLE or FAILED. */
    public static final ProcessVariable<String> REMOTE_VERIFICATION_OUTCOME = ProcessVariable.of("remoteVerificationOutcome", String.class);
    public static final ProcessVariable<Integer> VERIFICATION_ATTEMPTS = ProcessVariable.of("verificationAttempts", Integer.class);
    /** CONFIRMED or FAILED. */
    public static final ProcessVariable<String> FIELD_INVESTIGATION_OUTCOME = ProcessVariable.of("fieldInvestigationOutcome", String.class);
    /** Members who vote on the application (the multi-instance vote's completion condition reads it). */
    public static final ProcessVariable<Integer> COMMITTEE_SIZE = ProcessVariable.of("committeeSize", Integer.class);
    /** APPROVED, REJECTED, RETURNED or UNDECIDED, from the tally of the votes. */
    public static final ProcessVariable<String> COMMITTEE_OUTCOME = ProcessVariable.of("committeeOutcome", String.class);
    /** APPROVE, APPROVE_WITH_CONDITIONS, RETURN or REJECT: the approval decision of whichever authority decided. */
    public static final ProcessVariable<String> APPROVAL_OUTCOME = ProcessVariable.of("approvalOutcome", String.class);
    public static final ProcessVariable<Boolean> GUARANTEES_REQUIRED = ProcessVariable.of("guaranteesRequired", Boolean.class);
    /** CONDITIONS_MET, HOLD, SUPPLEMENT or DECLINE. */
    public static final ProcessVariable<String> DISBURSEMENT_CHECK_OUTCOME = ProcessVariable.of("disbursementCheckOutcome", String.class);
    /** Until when disbursement is on hold (the timer of a HOLD). */
    public static final ProcessVariable<Date> DISBURSEMENT_HOLD_UNTIL = ProcessVariable.of("disbursementHoldUntil", Date.class);
    /** The loan account opened at disbursement; starts post-loan monitoring. */
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);

    private Variables() {}
  }
}
