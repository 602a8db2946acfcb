package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Approval's texts for the forms that show them, set on those tasks alone by their create listeners: what was approved
 * on the disbursement check's form ({@link ApprovalFormListeners#approvalTextSummary}), the question of a return on the
 * form that answers it ({@link ApprovalFormListeners#returnQuestionSummary}). The committee's votes and what the chair is
 * asked to decide are the chair's form's alone ({@link ApprovalFormListeners#committeeResolutionSummary}).
 */
@Component
public class ApprovalSummary {

  /** What was approved: 审核放款条件's form. */
  public static final String APPROVAL_TEXT = "approvalText";
  /** The question of the latest return: 补充审批所需信息's form. */
  public static final String RETURN_QUESTION_TEXT = "returnQuestionText";

  private final ApprovalDecisions approvals;
  private final ApplicationChecks checks;

  public ApprovalSummary(ApprovalDecisions approvals, ApplicationChecks checks) {
    this.approvals = approvals;
    this.checks = checks;
  }

  /** {@code approvalText}: the approval's terms and who decided, or 尚未审批. */
  public Map<String, Object> approvalText(String applicationId) {
    return Map.of(APPROVAL_TEXT, approvals.find(applicationId).map(ApprovalSummary::describe).orElse("尚未审批"));
  }

  /** {@code returnQuestionText}: the question of the latest return, by whom, or 无. */
  public Map<String, Object> returnQuestionText(String applicationId) {
    return Map.of(RETURN_QUESTION_TEXT, checks.of(applicationId, CheckType.APPROVAL, CheckType.COMMITTEE_RESOLUTION).stream()
        .filter(c -> ApprovalOutcome.RETURN.name().equals(c.outcome())).reduce((a, b) -> b)
        .map(c -> c.details() + " (" + c.performedBy() + ")").orElse("无"));
  }

  static String describe(ApprovalDecisions.Approval a) {
    return a.authority().label() + a.outcome().label() + ": 批准金额 " + a.approvedAmount().toPlainString() + " 元; 担保方式 "
        + a.guaranteeType().label() + (a.extraGuarantor() == null ? "" : " (追加保证人 " + a.extraGuarantor().describe() + ")")
        + "; 还款方式 " + a.repaymentMethod().contractWording()
        + (a.annualRatePercent() == null ? "" : "; 年利率 " + a.annualRatePercent().stripTrailingZeros().toPlainString() + "%")
        + (a.conditions() == null ? "" : "; 条件: " + a.conditions()) + "; 审批人 " + a.decidedBy();
  }
}
