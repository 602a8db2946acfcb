package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.APPROVAL_DECISION;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.RETURN_QUESTION;
import static com.smeloanflow.process.LoanOriginationProcess.Variables.VERIFICATION_OUTCOME;

import com.smeloanflow.disbursement.DisbursementCheckTaskListener;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What staff enter in the task forms (forms/*.form), as the variables Tasklist submits. Field ids
 * come from the listeners' constants where the listener is in this package; the disbursement-check
 * and remote-verification checkboxes are the field ids of forms/check-disbursement.form and
 * forms/verify-remotely.form (LoanOriginationModelTest keeps forms and listeners in step).
 */
public final class TaskForms {

  private TaskForms() {}

  // --- 审批贷款申请 (approve-loan) ----------------------------------------------------------------

  public static Map<String, Object> approve(String comment) {
    return form(APPROVAL_DECISION.name(), ApprovalService.APPROVE, ApprovalTaskListener.COMMENT, comment);
  }

  /** The amount as Tasklist submits a number field (a JSON number). */
  public static Map<String, Object> approveWithConditions(BigDecimal approvedAmount, String extraGuarantee, String conditions) {
    return form(APPROVAL_DECISION.name(), ApprovalService.APPROVE_WITH_CONDITIONS,
        ApprovalTaskListener.APPROVED_AMOUNT, approvedAmount,
        ApprovalTaskListener.CONDITION_GUARANTEE, extraGuarantee,
        ApprovalTaskListener.CONDITIONS, conditions);
  }

  public static Map<String, Object> returnForInformation(String question) {
    return form(APPROVAL_DECISION.name(), ApprovalService.RETURN, RETURN_QUESTION.name(), question);
  }

  public static Map<String, Object> reject(String reason) {
    return form(APPROVAL_DECISION.name(), ApprovalService.REJECT, ApprovalTaskListener.REJECTION_REASON, reason);
  }

  // --- 补充审批所需信息 (provide-information) ------------------------------------------------------

  public static Map<String, Object> informationAnswer(String answer) {
    return form(ProvideInformationTaskListener.ANSWER, answer);
  }

  // --- 贷审会委员投票 / 裁决贷审会未决事项 ----------------------------------------------------------

  public static Map<String, Object> vote(String vote, String comment) {
    return form(CommitteeVoteTaskListener.VOTE, vote, CommitteeVoteTaskListener.COMMENT, comment);
  }

  public static Map<String, Object> resolve(String decision, String notes) {
    return form(CommitteeResolutionTaskListener.RESOLUTION, decision, CommitteeResolutionTaskListener.NOTES, notes);
  }

  // --- 远程核实申请人 (verify-remotely) ------------------------------------------------------------

  public static Map<String, Object> remoteVerificationConfirmed() {
    return form(VERIFICATION_OUTCOME.name(), "CONFIRMED", "identityConfirmed", true, "businessOperating", true,
        "purposeConfirmed", true, "consentRecorded", true);
  }

  // --- 审核放款条件 (check-disbursement) -----------------------------------------------------------

  public static Map<String, Object> disbursementConditionsMet() {
    return form("disbursementDecision", DisbursementCheckTaskListener.MET, "contractVerified", true, "collateralVerified", true,
        "approvalConditionsMet", true);
  }

  public static Map<String, Object> disbursementConditionsNotMet(String reason) {
    return form("disbursementDecision", DisbursementCheckTaskListener.NOT_MET, "contractVerified", true, "collateralVerified", true,
        "approvalConditionsMet", false, "disbursementNotes", reason);
  }

  static Map<String, Object> form(Object... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return variables;
  }
}
