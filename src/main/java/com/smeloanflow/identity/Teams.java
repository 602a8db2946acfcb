package com.smeloanflow.identity;

import com.smeloanflow.platform.sla.TaskTeams;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Teams and their leads. A team is the staff of a branch (its acceptance and customer-manager groups) or
 * of a central unit (the processing centre, the remote banking centre, approval, disbursement operations,
 * collections, campaign management). A task belongs to the teams of its candidate groups. Each team has a
 * lead group {@code <team>-leads} (e.g. {@code ZY001-leads}, {@code processing-centre-leads}): its members
 * see and reassign the team's tasks (Camunda authorizations per task, see {@link TeamTaskAuthorizations})
 * and receive its SLA escalations. A team lead is also a member of {@code team-leads}, the role that
 * gives the lead filters and the bulk reassignment API.
 */
@Component
public class Teams implements TaskTeams {

  public static final String LEADS_SUFFIX = "-leads";
  private static final Pattern BRANCH_GROUP = Pattern.compile("([A-Z]{2}\\d{3})(" + Groups.ACCEPTANCE_SUFFIX + "|"
      + Groups.CUSTOMER_MANAGERS_SUFFIX + "|" + LEADS_SUFFIX + ")");

  /** The lead groups of every central team ({@code processing-centre-leads}, …): their leads act for every branch. */
  public static final Set<String> CENTRAL_LEAD_GROUPS = Arrays.stream(Central.values()).map(Central::leadGroup)
      .collect(Collectors.toUnmodifiableSet());

  /** The central teams: id, Chinese name, the groups whose tasks are the team's. */
  public enum Central {
    PROCESSING_CENTRE("processing-centre", "集中作业中心", Groups.PROCESSING_CENTRE),
    REMOTE_BANKING("remote-banking", "远程银行中心", Groups.REMOTE_BANKING),
    APPROVAL("approval", "审批", Groups.CREDIT_APPROVERS, Groups.CREDIT_COMMITTEE, Groups.CREDIT_COMMITTEE_CHAIR),
    DISBURSEMENT("disbursement", "放款审核", Groups.DISBURSEMENT_OPS),
    COLLECTIONS("collections", "资产保全", Groups.COLLECTIONS),
    CAMPAIGN("campaign", "营销管理", Groups.CAMPAIGN_MANAGERS);

    private final String id;
    private final String teamName;
    private final List<String> groups;

    Central(String id, String teamName, String... groups) {
      this.id = id;
      this.teamName = teamName;
      this.groups = List.of(groups);
    }

    public String id() {
      return id;
    }

    public String teamName() {
      return teamName;
    }

    public List<String> groups() {
      return groups;
    }

    public String leadGroup() {
      return leadGroupOf(id);
    }

    static Optional<Central> ofGroup(String groupId) {
      return Arrays.stream(values()).filter(team -> team.groups.contains(groupId)).findFirst();
    }

    static Optional<Central> ofId(String teamId) {
      return Arrays.stream(values()).filter(team -> team.id.equals(teamId)).findFirst();
    }
  }

  private final ObjectProvider<IdentityService> identityService;
  private final BranchDirectory branches;

  /** The identity service is looked up on use: this is asked while the engine is being built. */
  Teams(ObjectProvider<IdentityService> identityService, BranchDirectory branches) {
    this.identityService = identityService;
    this.branches = branches;
  }

  /** The lead group of a team: {@code ZY001-leads}, {@code approval-leads}. */
  public static String leadGroupOf(String teamId) {
    return teamId + LEADS_SUFFIX;
  }

  /** The team whose tasks a candidate group works (a branch code or a central team's id), if any. */
  public static Optional<String> teamIdOfGroup(String groupId) {
    if (groupId == null) {
      return Optional.empty();
    }
    Matcher branch = BRANCH_GROUP.matcher(groupId);
    if (branch.matches() && !branch.group(2).equals(LEADS_SUFFIX)) {
      return Optional.of(branch.group(1));
    }
    return Central.ofGroup(groupId).map(Central::id);
  }

  /** The team a lead group leads, if it is one. */
  public static Optional<String> teamIdOfLeadGroup(String groupId) {
    if (groupId == null || !groupId.endsWith(LEADS_SUFFIX)) {
      return Optional.empty();
    }
    String team = groupId.substring(0, groupId.length() - LEADS_SUFFIX.length());
    return team.matches("[A-Z]{2}\\d{3}") || Central.ofId(team).isPresent() ? Optional.of(team) : Optional.empty();
  }

  /** Whether a team id is a branch's (a branch code) rather than a central team's. */
  public static boolean isBranchTeam(String teamId) {
    return teamId.matches("[A-Z]{2}\\d{3}");
  }

  @Override
  public List<Team> teamsOfCandidateGroups(Collection<String> candidateGroups) {
    Set<String> ids = new LinkedHashSet<>();
    candidateGroups.forEach(group -> teamIdOfGroup(group).ifPresent(ids::add));
    return ids.stream().map(id -> team(id).orElse(new Team(id, id))).toList();
  }

  @Override
  public Optional<Team> team(String teamId) {
    if (isBranchTeam(teamId)) {
      return branches.find(teamId).map(branch -> new Team(teamId, branch.name()));
    }
    return Central.ofId(teamId).map(team -> new Team(team.id(), team.teamName()));
  }

  @Override
  public List<StaffMember> leadsOf(String teamId) {
    return identityService.getObject().createUserQuery().memberOfGroup(leadGroupOf(teamId)).orderByUserId().asc()
        .listPage(0, 200).stream().map(Teams::member).toList();
  }

  @Override
  public Optional<StaffMember> member(String userId) {
    return Optional.ofNullable(identityService.getObject().createUserQuery().userId(userId).singleResult()).map(Teams::member);
  }

  private static StaffMember member(User user) {
    String name = user.getFirstName() == null || user.getFirstName().isBlank() ? user.getId() : user.getFirstName();
    String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    return new StaffMember(user.getId(), name, Optional.ofNullable(email));
  }
}
