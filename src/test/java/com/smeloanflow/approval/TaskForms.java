package com.smeloanflow.approval;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What staff enter in the task forms (forms/*.form), as the variables Tasklist submits. Field ids
 * come from the listeners' constants where the listener is in this package; the others are the field
 * ids of the forms (FormFieldMappingTest keeps forms and listeners in step).
 */
public final class TaskForms {

  private TaskForms() {}

  // --- 审批贷款申请 (approve-loan) and 签发贷审会决议 (decide-committee-resolution) ---------------------

  public static Map<String, Object> approve(String comment) {
    return form(ApprovalForm.DECISION, ApprovalOutcome.APPROVE.name(), ApprovalForm.COMMENT, comment);
  }

  /** A lower amount as Tasklist submits a number field (a JSON number), with the conditions. */
  public static Map<String, Object> approveWithLowerAmount(BigDecimal approvedAmount, String conditions) {
    return form(ApprovalForm.DECISION, ApprovalOutcome.APPROVE_WITH_CONDITIONS.name(),
        ApprovalForm.APPROVED_AMOUNT, approvedAmount, ApprovalForm.CONDITIONS, conditions);
  }

  /** A guarantor added as a condition (and optionally a lower amount). */
  public static Map<String, Object> approveWithGuarantor(BigDecimal approvedAmount, String type, String name, String idNumber,
      String relation, String conditions) {
    Map<String, Object> form = approveWithLowerAmount(approvedAmount, conditions);
    form.put(ApprovalForm.GUARANTOR_TYPE, type);
    form.put(ApprovalForm.GUARANTOR_NAME, name);
    form.put(ApprovalForm.GUARANTOR_ID, idNumber);
    form.put(ApprovalForm.GUARANTOR_RELATION, relation);
    return form;
  }

  public static Map<String, Object> returnForInformation(String question) {
    return form(ApprovalForm.DECISION, ApprovalOutcome.RETURN.name(), ApprovalForm.RETURN_QUESTION, question);
  }

  /** Rejects with an internal reason and what the applicant is told. */
  public static Map<String, Object> reject(String internalReason, String customerReason) {
    return form(ApprovalForm.DECISION, ApprovalOutcome.REJECT.name(), ApprovalForm.REJECTION_REASON, internalReason,
        ApprovalForm.CUSTOMER_REASON, customerReason);
  }

  // --- 补充审批所需信息 (provide-information) ------------------------------------------------------

  public static Map<String, Object> informationAnswer(String answer) {
    return form(ProvideInformationTaskListener.ANSWER, answer);
  }

  // --- 贷审会委员投票 (committee-vote) ---------------------------------------------------------------

  public static Map<String, Object> vote(ApprovalOutcome vote, String comment) {
    return form(CommitteeVoteTaskListener.VOTE, vote.name(), CommitteeVoteTaskListener.COMMENT, comment);
  }

  public static Map<String, Object> voteWithConditions(BigDecimal amount, String conditions, String comment) {
    return form(CommitteeVoteTaskListener.VOTE, ApprovalOutcome.APPROVE_WITH_CONDITIONS.name(), CommitteeVoteTaskListener.COMMENT,
        comment, CommitteeVoteTaskListener.PROPOSED_AMOUNT, amount, CommitteeVoteTaskListener.PROPOSED_CONDITIONS, conditions);
  }

  // --- 远程核实申请人 (verify-remotely) ------------------------------------------------------------

  public static Map<String, Object> remoteVerificationConfirmed() {
    return form("verificationOutcome", "CONFIRMED", "identityConfirmed", true, "businessOperating", true,
        "purposeConfirmed", true, "consentRecorded", true);
  }

  // --- 审核放款条件 (check-disbursement) -----------------------------------------------------------

  public static Map<String, Object> disbursementConditionsMet() {
    return form("disbursementDecision", "CONDITIONS_MET", "contractVerified", true, "collateralVerified", true,
        "approvalConditionsMet", true);
  }

  public static Map<String, Object> disbursementHeld(String until, String reason) {
    return form("disbursementDecision", "HOLD", "holdUntil", until, "disbursementNotes", reason);
  }

  public static Map<String, Object> disbursementSupplement(java.util.List<String> documents, String reason) {
    return form("disbursementDecision", "SUPPLEMENT", "supplementDocuments", documents, "disbursementNotes", reason);
  }

  public static Map<String, Object> disbursementDeclined(String reason) {
    return form("disbursementDecision", "DECLINE", "disbursementNotes", reason,
        "declineCustomerReason", "DISBURSEMENT_CONDITIONS_NOT_MET");
  }

  public static Map<String, Object> form(Object... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }
}
