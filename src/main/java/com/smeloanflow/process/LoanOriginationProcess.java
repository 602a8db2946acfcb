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
    public static final String END_APPLICATION_ACCEPTED = "EndEvent_ApplicationAccepted";

    private Elements() {}
  }

  /** Message names. */
  public static final class Messages {
    /** The applicant uploaded the missing documents through a channel. */
    public static final String DOCUMENTS_RECEIVED = "DocumentsReceived";

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
    /** Input parameter of the mail tasks: which template to send. */
    public static final ProcessVariable<String> MAIL_TEMPLATE = ProcessVariable.of("mailTemplate", String.class);

    private Variables() {}
  }
}
