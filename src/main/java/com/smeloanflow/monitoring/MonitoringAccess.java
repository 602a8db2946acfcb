package com.smeloanflow.monitoring;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.identity.Teams;
import com.smeloanflow.platform.StaffText;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a loan's monitoring over the API (403 otherwise). Reading: as for the loan
 * (central staff, the loan's branch), but never the borrowers' channel, whatever the loan: check findings, signals'
 * evidence and classification reasons are staff's own notes (as a loan's collection cases are). Reporting a signal: core banking, the processing and remote
 * banking centres, administrators, and the customer managers and leads of the loan's branch.
 * Proposing a reclassification: the remote banking centre, approvers, and the branch's customer managers
 * and leads; a second person approves it in Tasklist. A lead of a central team (e.g. {@code approval-leads})
 * may do either for any branch, as central staff may; another branch's lead may not.
 */
@Component
public class MonitoringAccess {

  private static final Set<String> SIGNAL_REPORTERS = Set.of(Groups.CAMUNDA_ADMIN, Groups.CORE_BANKING,
      Groups.PROCESSING_CENTRE, Groups.REMOTE_BANKING);
  private static final Set<String> RECLASSIFICATION_PROPOSERS = Set.of(Groups.REMOTE_BANKING, Groups.CREDIT_APPROVERS);

  private final BranchAccess branchAccess;

  public MonitoringAccess(BranchAccess branchAccess) {
    this.branchAccess = branchAccess;
  }

  public void requireMayRead(String branchCode, Authentication caller, String loanId) {
    // Over HTTP platform.SecurityConfig refuses the channel GET /api/loans/{loanId}/monitoring before any controller
    // (CHANNEL_OPERATIONS). This stays as defence in depth: BranchAccess lets the channel read any loan by id, so a
    // broader channel rule or another caller of this method would otherwise show the channel staff's notes
    // (MonitoringAccessTest reaches it).
    if (BranchAccess.isChannel(caller)) {
      throw new AccessDeniedException(StaffText.of("贷后检查结论、预警证据和风险分类理由仅供银行员工查看",
          "user " + caller.getName() + " is the borrowers' channel and may not read post-loan monitoring"));
    }
    branchAccess.requireMayRead(branchCode, caller, "借据 " + loanId + " 的贷后监控", "post-loan monitoring of loan " + loanId);
  }

  public void requireMayReportSignal(String branchCode, Authentication caller, String loanId) {
    require(SIGNAL_REPORTERS, branchCode, caller, "报送网点 " + branchCode + " 借据 " + loanId + " 的预警信号", "report a signal of loan " + loanId);
  }

  public void requireMayProposeReclassification(String branchCode, Authentication caller, String loanId) {
    require(RECLASSIFICATION_PROPOSERS, branchCode, caller, "提出网点 " + branchCode + " 借据 " + loanId + " 的风险分类调整",
        "propose a reclassification of loan " + loanId);
  }

  private static void require(Set<String> groups, String branchCode, Authentication caller, String what, String whatEnglish) {
    String prefix = BranchAccess.GROUP_AUTHORITY_PREFIX;
    boolean allowed = caller.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .anyMatch(group -> groups.contains(group) || Teams.CENTRAL_LEAD_GROUPS.contains(group)
            || group.equals(Groups.customerManagers(branchCode)) || group.equals(Groups.leads(branchCode)));
    if (!allowed) {
      throw new AccessDeniedException(StaffText.of("无权" + what,
          "user " + caller.getName() + " may not " + whatEnglish + " of branch " + branchCode));
    }
  }
}
