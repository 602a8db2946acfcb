package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.TaskSummaryContributor;
import com.smeloanflow.platform.FormText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Approval's part of the task forms: what was approved, the committee's votes with the conditions
 * members proposed, what the chair is asked to decide, and the question of a return for information.
 */
@Component
@Order(40)
public class ApprovalSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (approval). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("approvalText", "committeeVotesText", "committeeTallyText", "committeeAskText",
      "returnQuestionText");

  private final ApprovalDecisions approvals;
  private final CommitteeService committee;
  private final ApplicationChecks checks;

  public ApprovalSummary(ApprovalDecisions approvals, CommitteeService committee, ApplicationChecks checks) {
    this.approvals = approvals;
    this.committee = committee;
    this.checks = checks;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("approvalText", approvals.find(applicationId).map(ApprovalSummary::describe).orElse("尚未审批"));
    List<CommitteeService.StoredVote> votes = committee.votes(applicationId);
    // Every member's vote stays visible; long conditions and comments are shortened to keep within the engine's column.
    values.put("committeeVotesText", votes.isEmpty() ? "尚无委员投票" : FormText.shortenEach(votes.stream()
        .map(v -> v.member() + ": " + CheckType.COMMITTEE_VOTE.outcomeLabel(v.vote().name())
            + (v.proposedAmount() == null ? "" : ", 建议金额 " + v.proposedAmount().toPlainString() + " 元")
            + (v.proposedConditions() == null ? "" : ", 条件: " + v.proposedConditions()) + " — " + v.comment())
        .toList(), FormText.MAX_CHARACTERS));
    values.put("committeeTallyText", votes.isEmpty() ? "尚无委员投票"
        : CommitteeService.tally(votes, Math.max(votes.size(), committee.eligibleMembers(applicationId).size())).describe());
    // What the chair's form asks: with no vote cast (the deadline passed, nobody voted) only a return, as
    // CommitteeService.resolve refuses the rest; otherwise the resolution or the casting vote.
    values.put("committeeAskText", votes.isEmpty()
        ? "表决期限已到, 没有委员表决: 主任委员不能单独批准或否决申请, 请选择“退回集中作业中心补充信息”, 补充信息后由贷审会重新表决"
        : "多数委员同意时, 请签发决议(可采纳委员提出的条件)或行使否决; 平票或表决期限已到仍未过半数时, 您的决定为最终裁决。");
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
