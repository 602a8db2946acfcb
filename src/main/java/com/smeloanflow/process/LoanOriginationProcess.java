package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/loan-origination.bpmn}: its key, the element ids code and tests refer
 * to, its messages and its variables. {@code LoanOriginationModelTest} checks that every constant
 * exists in the deployed model, so a rename in Modeler fails the build.
 */
public final class LoanOriginationProcess {

  public static final String KEY = "loan-origination";

  private LoanOriginationProcess() {}

  /** Element ids. */
  public static final class Elements {
    public static final String START_APPLICATION_RECEIVED = "StartEvent_ApplicationReceived";
    public static final String GATEWAY_BRANCH_ACCEPTANCE_REQUIRED = "Gateway_BranchAcceptanceRequired";
    public static final String TASK_ACCEPT_APPLICATION = "UserTask_AcceptApplication";
    public static final String GATEWAY_DOCUMENTS_COMPLETE = "Gateway_DocumentsComplete";
    public static final String TASK_NOTIFY_DOCUMENTS_MISSING = "ServiceTask_NotifyDocumentsMissing";
    public static final String TASK_RECEIVE_MISSING_DOCUMENTS = "UserTask_ReceiveMissingDocuments";
    public static final String BOUNDARY_DOCUMENTS_RECEIVED = "BoundaryEvent_DocumentsReceived";
    public static final String BOUNDARY_DOCUMENTS_OVERDUE = "BoundaryEvent_DocumentsOverdue";
    public static final String TASK_WITHDRAW_APPLICATION = "ServiceTask_WithdrawApplication";
    public static final String TASK_NOTIFY_WITHDRAWAL = "ServiceTask_NotifyWithdrawal";
    public static final String END_APPLICATION_WITHDRAWN = "EndEvent_ApplicationWithdrawn";
    public static final String TASK_GATHER_EXTERNAL_DATA = "ServiceTask_GatherExternalData";
    public static final String TASK_CHECK_DUPLICATES = "ServiceTask_CheckDuplicates";
    public static final String TASK_SCORE_APPLICATION = "ServiceTask_ScoreApplication";
    public static final String RULE_CHECK_PRODUCT_ELIGIBILITY = "BusinessRuleTask_CheckProductEligibility";
    public static final String RULE_DECIDE_APPROVAL_ROUTE = "BusinessRuleTask_DecideApprovalRoute";
    public static final String GATEWAY_EXCEPTION_REVIEW_NEEDED = "Gateway_ExceptionReviewNeeded";
    public static final String TASK_REVIEW_EXCEPTION = "UserTask_ReviewException";
    public static final String RULE_PRICE_LOAN = "BusinessRuleTask_PriceLoan";
    public static final String TASK_RECORD_PRICING = "ServiceTask_RecordPricing";
    public static final String RULE_CHECK_REMOTE_VERIFICATION = "BusinessRuleTask_CheckRemoteVerification";
    public static final String TASK_VERIFY_REMOTELY = "UserTask_VerifyRemotely";
    public static final String TIMER_NEXT_CONTACT_ATTEMPT = "TimerEvent_NextContactAttempt";
    public static final String TASK_INVESTIGATE_ON_SITE = "UserTask_InvestigateOnSite";
    public static final String GATEWAY_APPROVAL_ROUTE = "Gateway_ApprovalRoute";
    public static final String TASK_APPROVE_AUTOMATICALLY = "ServiceTask_ApproveAutomatically";
    public static final String TASK_APPROVE_LOAN = "UserTask_ApproveLoan";
    public static final String TASK_COMMITTEE_VOTE = "UserTask_CommitteeVote";
    public static final String BOUNDARY_COMMITTEE_DEADLINE = "BoundaryEvent_CommitteeDeadline";
    public static final String TASK_TALLY_COMMITTEE_VOTES = "ServiceTask_TallyCommitteeVotes";
    public static final String TASK_RESOLVE_COMMITTEE_DEADLOCK = "UserTask_ResolveCommitteeDeadlock";
    public static final String GATEWAY_APPROVAL_DECISION = "Gateway_ApprovalDecision";
    public static final String TASK_PROVIDE_INFORMATION = "UserTask_ProvideInformation";
    public static final String RULE_REPRICE_LOAN = "BusinessRuleTask_RepriceLoan";
    public static final String TASK_RECORD_APPROVAL = "ServiceTask_RecordApproval";
    public static final String TASK_GENERATE_CONTRACT = "ServiceTask_GenerateContract";
    public static final String TASK_NOTIFY_CONTRACT_READY = "ServiceTask_NotifyContractReady";
    public static final String WAIT_SIGNATURE = "ReceiveTask_AwaitSignature";
    public static final String BOUNDARY_SIGNATURE_OVERDUE = "BoundaryEvent_SignatureOverdue";
    public static final String WAIT_MORTGAGE_REGISTRATION = "ReceiveTask_AwaitMortgageRegistration";
    public static final String BOUNDARY_MORTGAGE_REGISTRATION_OVERDUE = "BoundaryEvent_MortgageRegistrationOverdue";
    public static final String TASK_CHECK_DISBURSEMENT_CONDITIONS = "UserTask_CheckDisbursementConditions";
    public static final String TASK_DISBURSE_LOAN = "ServiceTask_DisburseLoan";
    public static final String TASK_NOTIFY_DISBURSEMENT = "ServiceTask_NotifyDisbursement";
    public static final String EVENT_START_POST_LOAN_MONITORING = "ThrowEvent_StartPostLoanMonitoring";
    public static final String END_LOAN_DISBURSED = "EndEvent_LoanDisbursed";
    public static final String TASK_WITHDRAW_UNSIGNED = "ServiceTask_WithdrawUnsigned";
    public static final String END_CONTRACT_EXPIRED = "EndEvent_ContractExpired";
    public static final String TASK_REJECT_APPLICATION = "ServiceTask_RejectApplication";
    public static final String TASK_NOTIFY_REJECTION = "ServiceTask_NotifyRejection";
    public static final String END_APPLICATION_REJECTED = "EndEvent_ApplicationRejected";

    private Elements() {}
  }

  /** Message names. */
  public static final class Messages {
    /** The applicant uploaded the missing documents through a channel. */
    public static final String DOCUMENTS_RECEIVED = "DocumentsReceived";
    /** The applicant signed the contract in the e-signature service. */
    public static final String CONTRACT_SIGNED = "ContractSigned";
    /** The mortgage registry registered the collateral. */
    public static final String MORTGAGE_REGISTERED = "MortgageRegistered";
    /** Starts post-loan-monitoring for a disbursed loan (business key = loan id). */
    public static final String LOAN_DISBURSED = "LoanDisbursed";

    private Messages() {}
  }

  /** Process variables: ids and the few values gateways need; business data stays in tables. */
  public static final class Variables {
    public static final ProcessVariable<String> APPLICATION_ID = ProcessVariable.of("applicationId", String.class);
    public static final ProcessVariable<String> BRANCH_CODE = ProcessVariable.of("branchCode", String.class);
    public static final ProcessVariable<String> PRODUCT = ProcessVariable.of("product", String.class);
    public static final ProcessVariable<Boolean> BRANCH_ACCEPTANCE_REQUIRED =
        ProcessVariable.of("branchAcceptanceRequired", Boolean.class);
    public static final ProcessVariable<Boolean> DOCUMENTS_COMPLETE = ProcessVariable.of("documentsComplete", Boolean.class);
    public static final ProcessVariable<Boolean> DUPLICATE_FOUND = ProcessVariable.of("duplicateFound", Boolean.class);
    public static final ProcessVariable<Boolean> RED_FLAG = ProcessVariable.of("redFlag", Boolean.class);
    public static final ProcessVariable<Boolean> HARD_RED_FLAG = ProcessVariable.of("hardRedFlag", Boolean.class);
    public static final ProcessVariable<String> GRADE = ProcessVariable.of("grade", String.class);
    public static final ProcessVariable<Integer> TOTAL_SCORE = ProcessVariable.of("totalScore", Integer.class);
    /** Inputs of product-eligibility and approval-authority beside the score. */
    public static final ProcessVariable<String> GUARANTEE_TYPE = ProcessVariable.of("guaranteeType", String.class);
    public static final ProcessVariable<String> CHANNEL = ProcessVariable.of("channel", String.class);
    public static final ProcessVariable<String> INDUSTRY_CODE = ProcessVariable.of("industryCode", String.class);
    public static final ProcessVariable<java.math.BigDecimal> REQUESTED_AMOUNT =
        ProcessVariable.of("requestedAmount", java.math.BigDecimal.class);
    public static final ProcessVariable<Integer> YEARS_IN_BUSINESS = ProcessVariable.of("yearsInBusiness", Integer.class);
    public static final ProcessVariable<String> REGISTRATION_STATUS = ProcessVariable.of("registrationStatus", String.class);
    public static final ProcessVariable<java.math.BigDecimal> ANNUAL_REVENUE =
        ProcessVariable.of("annualRevenue", java.math.BigDecimal.class);
    /** Outputs of the decision tables (published by DecisionRecorder). */
    public static final ProcessVariable<Boolean> ELIGIBLE = ProcessVariable.of("eligible", Boolean.class);
    public static final ProcessVariable<String> APPROVAL_ROUTE = ProcessVariable.of("approvalRoute", String.class);
    public static final ProcessVariable<String> ROUTE_REASON = ProcessVariable.of("routeReason", String.class);
    public static final ProcessVariable<String> ELIGIBILITY_REASON = ProcessVariable.of("eligibilityReason", String.class);
    public static final ProcessVariable<String> VERIFICATION_REASON = ProcessVariable.of("verificationReason", String.class);
    public static final ProcessVariable<Number> SPREAD_PERCENT = ProcessVariable.of("spreadPercent", Number.class);
    public static final ProcessVariable<Boolean> REMOTE_VERIFICATION_REQUIRED =
        ProcessVariable.of("remoteVerificationRequired", Boolean.class);
    /** Outcomes of people's work. */
    public static final ProcessVariable<String> REVIEW_DECISION = ProcessVariable.of("reviewDecision", String.class);
    public static final ProcessVariable<String> VERIFICATION_OUTCOME = ProcessVariable.of("verificationOutcome", String.class);
    public static final ProcessVariable<Integer> VERIFICATION_ATTEMPTS = ProcessVariable.of("verificationAttempts", Integer.class);
    public static final ProcessVariable<String> INVESTIGATION_OUTCOME = ProcessVariable.of("investigationOutcome", String.class);
    public static final ProcessVariable<String> APPROVAL_DECISION = ProcessVariable.of("approvalDecision", String.class);
    public static final ProcessVariable<Boolean> COMMITTEE_DECIDED = ProcessVariable.of("committeeDecided", Boolean.class);
    public static final ProcessVariable<Integer> COMMITTEE_SIZE = ProcessVariable.of("committeeSize", Integer.class);
    public static final ProcessVariable<String> RETURN_QUESTION = ProcessVariable.of("returnQuestion", String.class);
    public static final ProcessVariable<Boolean> DISBURSEMENT_CONDITIONS_MET =
        ProcessVariable.of("disbursementConditionsMet", Boolean.class);
    public static final ProcessVariable<String> LOAN_ID = ProcessVariable.of("loanId", String.class);
    /** Input parameter of the mail tasks: which template to send. */
    public static final ProcessVariable<String> MAIL_TEMPLATE = ProcessVariable.of("mailTemplate", String.class);

    private Variables() {}
  }
}
