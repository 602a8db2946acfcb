package com.smeloanflow.identity;

import com.smeloanflow.platform.StaffText;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Branch isolation of reads over the API: central staff (processing centre, remote banking, approvers, committee,
 * disbursement, collections, campaign managers, process owners, administrators, the leads of central teams) read every
 * branch's data; branch staff (acceptance, customer managers, the branch's team leads) only their own branch's. One rule
 * for applications, loans and whatever a later stage keeps per branch. The channel gateway is not central staff: it
 * reads one application, loan, renewal or line of any branch by id, for its applicant (in the applicant's words), and
 * no list: platform.SecurityConfig keeps it to those operations.
 */
@Component
public class BranchAccess {

  /** Authority prefix of a Camunda group in Spring Security (see platform.SecurityConfig). */
  public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

  /**
   * Central groups read every branch. A team lead reads what the team reads: the lead of a central team
   * every branch, a branch's lead ({@code ZY001-leads}) that branch; the team-leads role alone reads none.
   */
  private static final Set<String> CENTRAL = central();

  private static Set<String> central() {
    Set<String> central = new java.util.HashSet<>(Set.of(Groups.CAMUNDA_ADMIN, Groups.PROCESSING_CENTRE,
        Groups.REMOTE_BANKING, Groups.CREDIT_APPROVERS, Groups.CREDIT_COMMITTEE, Groups.CREDIT_COMMITTEE_CHAIR,
        Groups.DISBURSEMENT_OPS, Groups.COLLECTIONS, Groups.PROCESS_OWNERS, Groups.CAMPAIGN_MANAGERS));
    central.addAll(Teams.CENTRAL_LEAD_GROUPS);
    return Set.copyOf(central);
  }

  /**
   * Refuses (403) a caller who may not read data of {@code branchCode}; {@code what} and {@code whatEnglish} name it
   * in the refusal ({@code 借据 LN…}, {@code loan LN…}): 无权查看网点 ZY002 的借据 LN… (user … may not read loan LN… of
   * branch ZY002). Called once what was asked for was found: the refusal names the branch it belongs to.
   */
  public void requireMayRead(String branchCode, Authentication caller, String what, String whatEnglish) {
    if (!mayRead(branchCode, caller)) {
      throw new AccessDeniedException(StaffText.of("无权查看网点 " + branchCode + " 的" + what,
          "user " + caller.getName() + " may not read " + whatEnglish + " of branch " + branchCode));
    }
  }

  /** Whether the caller is the borrowers' channel (mobile app, mini program): shown what a borrower may see only. */
  public static boolean isChannel(Authentication caller) {
    return caller.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals(GROUP_AUTHORITY_PREFIX + Groups.CHANNEL_GATEWAY));
  }

  /** Whether the caller may read one record of {@code branchCode}: central staff, the branch's staff, the channel. */
  public boolean mayRead(String branchCode, Authentication caller) {
    Set<String> groups = groupsOf(caller);
    return groups.stream().anyMatch(CENTRAL::contains) || groups.contains(Groups.CHANNEL_GATEWAY)
        || groups.contains(Groups.acceptance(branchCode)) || groups.contains(Groups.customerManagers(branchCode))
        || groups.contains(Groups.leads(branchCode));
  }

  /**
   * The branches whose data the caller may list: empty when the caller reads every branch, else the
   * branches of the caller's branch groups (possibly none). The channel calls no list (platform.SecurityConfig refuses
   * it every one before any controller); its group is no branch's, so it would be given none.
   */
  public Optional<Set<String>> readableBranches(Authentication caller) {
    Set<String> groups = groupsOf(caller);
    if (groups.stream().anyMatch(CENTRAL::contains)) {
      return Optional.empty();
    }
    return Optional.of(groups.stream()
        .filter(g -> g.endsWith(Groups.ACCEPTANCE_SUFFIX) || g.endsWith(Groups.CUSTOMER_MANAGERS_SUFFIX)
            || Teams.teamIdOfLeadGroup(g).filter(Teams::isBranchTeam).isPresent())
        .map(g -> g.substring(0, g.indexOf('-')))
        .collect(Collectors.toSet()));
  }

  private static Set<String> groupsOf(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(GROUP_AUTHORITY_PREFIX))
        .map(a -> a.substring(GROUP_AUTHORITY_PREFIX.length()))
        .collect(Collectors.toSet());
  }
}
