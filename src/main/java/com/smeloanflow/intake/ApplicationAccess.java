package com.smeloanflow.intake;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.SecurityConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may read an application over the API: the channel gateway, central staff (processing centre,
 * remote banking, approvers, committee, disbursement, collections, team leads, process owners,
 * administrators), and branch staff of the application's own branch only.
 */
@Component
public class ApplicationAccess {

  private static final Set<String> CENTRAL = Set.of(Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN, Groups.PROCESSING_CENTRE,
      Groups.REMOTE_BANKING, Groups.CREDIT_APPROVERS, Groups.CREDIT_COMMITTEE, Groups.DISBURSEMENT_OPS,
      Groups.COLLECTIONS, Groups.TEAM_LEADS, Groups.PROCESS_OWNERS);

  public void requireMayRead(LoanApplication application, Authentication caller) {
    Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(SecurityConfig.GROUP_AUTHORITY_PREFIX))
        .map(a -> a.substring(SecurityConfig.GROUP_AUTHORITY_PREFIX.length()))
        .collect(Collectors.toSet());
    boolean central = groups.stream().anyMatch(CENTRAL::contains);
    boolean ownBranch = groups.contains(Groups.acceptance(application.branchCode()))
        || groups.contains(Groups.customerManagers(application.branchCode()));
    if (!central && !ownBranch) {
      throw new AccessDeniedException("User " + caller.getName() + " may not read application " + application.id()
          + " of branch " + application.branchCode());
    }
  }
}
