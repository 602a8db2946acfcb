package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.TaskSummaryContributor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Approval's part of the task forms: what was approved and the question of a return for information. The committee's
 * votes and what the chair is asked to decide are the chair's form's alone ({@link CommitteeResolutionSummaryListener}).
 */
@Component
@Order(40)
public class ApprovalSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (approval). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("approvalText", "returnQuestionText");

  private final ApprovalDecisions approvals;
  private final ApplicationChecks checks;

  public ApprovalSummary(ApprovalDecisions approvals, ApplicationChecks checks) {
    this.approvals = approvals;
    this.checks = checks;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("approvalText", approvals.find(applicationId).map(ApprovalSummary::describe).orElse("尚未审批"));
    values.put("returnQuestionText", checks.of(applicationId, CheckType.APPROVAL, CheckType.COMMITTEE_RESOLUTION).stream()
        .filter(c -> ApprovalOutcome.RETURN.name().equals(c.outcome())).reduce((a, b) -> b)
        .map(c -> c.details() + " (" + c.performedBy() + ")").orElse("无"));
    return values;
  }

  static String describe(ApprovalDecisions.Approval a) {
    return a.authority().label() + a.outcome().label() + ": 批准金额 " + a.approvedAmount().toPlainString() + " 元; 担保方式 "
        + a.guaranteeType().label() + (a.extraGuarantor() == null ? "" : " (追加保证人 " + a.extraGuarantor().describe() + ")")
        + "; 还款方式 " + a.repaymentMethod().contractWording()
        + (a.annualRatePercent() == null ? "" : "; 年利率 " + a.annualRatePercent().stripTrailingZeros().toPlainString() + "%")
        + (a.conditions() == null ? "" : "; 条件: " + a.conditions()) + "; 审批人 " + a.decidedBy();
  }
}
