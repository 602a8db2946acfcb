package com.smeloanflow.dashboard;

import com.smeloanflow.identity.BranchAccess;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.identity.Teams;
import com.smeloanflow.platform.StaffText;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who reads the manager dashboard: team leads (the role {@code team-leads}, or a team's lead group alone such
 * as {@code ZY001-leads}), process owners and administrators. Which branches they see is
 * {@link BranchAccess}'s rule.
 */
@Component
public class DashboardReaders {

  /** Refuses (403) a caller who is none of them. */
  public void requireMayRead(Authentication caller) {
    boolean reader = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(BranchAccess.GROUP_AUTHORITY_PREFIX))
        .map(authority -> authority.substring(BranchAccess.GROUP_AUTHORITY_PREFIX.length()))
        .anyMatch(group -> group.equals(Groups.TEAM_LEADS) || group.equals(Groups.PROCESS_OWNERS)
            || group.equals(Groups.CAMUNDA_ADMIN) || Teams.teamIdOfLeadGroup(group).isPresent());
    if (!reader) {
      throw new AccessDeniedException(StaffText.of("管理看板仅供团队主管、流程管理员和系统管理员查看",
          "user " + caller.getName() + " may not read the manager dashboard: it is for team leads, process owners and administrators"));
    }
  }
}
