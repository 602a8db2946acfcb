package com.smeloanflow.platform.sla;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a task's team is and who leads it, as the SLAs need it: the team of a task follows from its
 * candidate groups (a branch's acceptance and customer-manager groups are the branch's team, the
 * approvers and the committee the approval team, ...). Declared here, answered by identity, which
 * knows the groups.
 */
public interface TaskTeams {

  /** A team: its id (a branch code, or e.g. {@code processing-centre}) and Chinese name. */
  record Team(String id, String name) {}

  /** A member of staff a mail can reach (no mail address: none is sent). */
  record StaffMember(String userId, String name, Optional<String> email) {}

  /** The teams of a task with these candidate groups, in the groups' order; empty when none is a team's. */
  List<Team> teamsOfCandidateGroups(Collection<String> candidateGroups);

  /** A team by id, for its name; empty when the id names no team (anymore). */
  Optional<Team> team(String teamId);

  /** The team's leads (members of its lead group). */
  List<StaffMember> leadsOf(String teamId);

  /** A member of staff, by user id. */
  Optional<StaffMember> member(String userId);
}
