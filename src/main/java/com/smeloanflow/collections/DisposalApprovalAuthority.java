package com.smeloanflow.collections;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.CollectionProcess;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Who may approve a disposal proposal (审批权限), as process owners keep it: the decision table
 * {@code bpmn/disposal-approval-authority.dmn} maps the proposal's type and the loan's outstanding principal to the
 * candidate group of "审批诉讼或核销建议" (a write-off books that principal as a loss). The latest deployed version
 * decides, when the approval task is created (for a proposal recorded before V142, which kept none, at the application's
 * start: {@link EarlierProposalAuthorities}); the decision is recorded in the engine's decision history and kept on the proposal's row.
 */
@Component
public class DisposalApprovalAuthority {

  static final String INPUT_TYPE = "disposalType";
  static final String INPUT_OUTSTANDING_PRINCIPAL = "outstandingPrincipal";
  static final String OUTPUT_GROUP = "approverGroup";
  static final String OUTPUT_REASON = "authorityReason";

  private final DecisionService decisions;

  public DisposalApprovalAuthority(DecisionService decisions) {
    this.decisions = decisions;
  }

  /**
   * The group whose member (other than the proposer) approves.
   *
   * @throws IllegalStateException when the deployed table gives no rule or no group
   */
  public Authority decide(DisposalType type, BigDecimal outstandingPrincipal) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey(CollectionProcess.DISPOSAL_AUTHORITY_DECISION)
        .variables(Map.of(INPUT_TYPE, type.name(), INPUT_OUTSTANDING_PRINCIPAL, outstandingPrincipal)).evaluate();
    String group = result.isEmpty() ? null : result.getSingleResult().getEntry(OUTPUT_GROUP);
    if (group == null || group.isBlank()) {
      throw new IllegalStateException("Decision table " + CollectionProcess.DISPOSAL_AUTHORITY_DECISION
          + " names no approver for a " + type + " of " + outstandingPrincipal.toPlainString() + " CNY outstanding principal");
    }
    String reason = result.getSingleResult().getEntry(OUTPUT_REASON);
    return new Authority(type, outstandingPrincipal, group, reason == null ? "" : reason);
  }

  /** The Chinese name of an approver group (贷审会主任委员 for credit-committee-chair), else its id. */
  public static String groupName(String approverGroup) {
    return Groups.CENTRAL.stream().filter(g -> g[0].equals(approverGroup)).map(g -> g[1]).findFirst().orElse(approverGroup);
  }

  /**
   * The authority decided for one proposal.
   *
   * @param outstandingPrincipal the loan's principal outstanding when it was decided
   * @param approverGroup        the candidate group of the approval task
   */
  public record Authority(DisposalType type, BigDecimal outstandingPrincipal, String approverGroup, String reason) {

    /** The 审批权限 line of the approval form: who may approve, and why. */
    public String text() {
      return "由 **" + groupName(approverGroup) + " (" + approverGroup + ")** 审批 (提出人除外) — " + type.label() + ", 任务创建时尚欠本金 "
          + outstandingPrincipal.toPlainString() + " 元: " + reason;
    }
  }
}
