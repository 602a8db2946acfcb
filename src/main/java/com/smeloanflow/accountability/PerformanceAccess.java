package com.smeloanflow.accountability;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.identity.Teams;
import com.smeloanflow.platform.StaffText;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may read a customer manager's performance (403 otherwise): the manager themself, the leads of a
 * branch the manager works for ({@code ZY001-leads}), administrators. A branch's list: its leads and
 * administrators.
 */
@Component
class PerformanceAccess {

  void requireMayReadManager(String userId, Collection<String> branches, Authentication caller) {
    Set<String> groups = groupsOf(caller);
    boolean allowed = caller.getName().equals(userId) || groups.contains(Groups.CAMUNDA_ADMIN)
        || branches.stream().anyMatch(branch -> groups.contains(Groups.leads(branch)));
    if (!allowed) {
      throw new AccessDeniedException(StaffText.of("无权查看客户经理 " + userId + " 的业绩",
          "user " + caller.getName() + " may not read the performance of customer manager " + userId));
    }
  }

  /** Before the branch is even looked at: an administrator or a branch's lead (so others learn nothing). */
  void requireBranchLead(Authentication caller) {
    Set<String> groups = groupsOf(caller);
    boolean lead = groups.contains(Groups.CAMUNDA_ADMIN) || groups.stream()
        .anyMatch(group -> Teams.teamIdOfLeadGroup(group).filter(Teams::isBranchTeam).isPresent());
    if (!lead) {
      throw new AccessDeniedException(StaffText.of("只有网点的团队主管和系统管理员可以查看客户经理业绩, 用户 " + caller.getName()
          + " 不是网点的团队主管", "user " + caller.getName() + " leads no branch: no customer managers' performance"));
    }
  }

  void requireMayReadBranch(String branchCode, Authentication caller) {
    Set<String> groups = groupsOf(caller);
    if (!groups.contains(Groups.CAMUNDA_ADMIN) && !groups.contains(Groups.leads(branchCode))) {
      throw new AccessDeniedException(StaffText.of("无权查看网点 " + branchCode + " 的客户经理业绩",
          "user " + caller.getName() + " may not read the performance of branch " + branchCode));
    }
  }

  private static Set<String> groupsOf(Authentication caller) {
    return caller.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith(BranchAccess.GROUP_AUTHORITY_PREFIX))
        .map(a -> a.substring(BranchAccess.GROUP_AUTHORITY_PREFIX.length())).collect(Collectors.toSet());
  }
}
