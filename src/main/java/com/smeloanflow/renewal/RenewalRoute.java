package com.smeloanflow.renewal;

import com.smeloanflow.approval.ApprovalAuthority;
import com.smeloanflow.processing.ApprovalRoute;

/**
 * Who decides a renewal, as the approval-authority table routed it: the model, an approver, the
 * credit committee (its members vote, the chair signs the resolution), or a decline by the table itself.
 *
 * @param customerReason the catalogue code the borrower is told when the table declines (else null)
 */
public record RenewalRoute(ApprovalRoute route, String routeReason, String customerReason) {

  /** Whether people decide: an approver in 审批续贷申请, or the committee. */
  public boolean personApproves() {
    return route == ApprovalRoute.SINGLE || route == ApprovalRoute.COMMITTEE;
  }

  /**
   * The group of the person who decides (for the committee: the chair, who signs its resolution), and who reviews the amount after a prepayment since signing: the
   * model's approval (AUTO) is within an approver's authority (null: declined by the table).
   */
  public String approverGroup() {
    return switch (route) {
      case SINGLE, AUTO -> ApprovalAuthority.APPROVER.group();
      case COMMITTEE -> ApprovalAuthority.COMMITTEE.group();
      default -> null;
    };
  }
}
