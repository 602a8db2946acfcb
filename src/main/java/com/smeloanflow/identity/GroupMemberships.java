package com.smeloanflow.identity;

import com.smeloanflow.platform.SqlInLists;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The members of many groups at once, for the start's set-up and the directory's re-sync ({@link BranchStaffReads},
 * {@link DirectorySync}). Camunda's user query names
 * one group ({@code memberOfGroup}), so the set-up read three queries per branch (83–445 ms with 40 branches on H2,
 * docs/performance.md). With the engine's own directory the memberships are read from its membership table in one
 * statement per {@link SqlInLists#CHUNK} groups; a read-only directory (LDAP) owns its memberships, so there each
 * group is still asked through the engine's user query.
 */
@Component
class GroupMemberships {

  /** Members read per page from a read-only directory: below the engine's queryMaxResultsLimit (2,000). */
  private static final int MEMBERS_PAGE = 1000;

  private final IdentityService identityService;
  private final JdbcClient jdbc;
  private final String membershipTable;

  @Autowired
  GroupMemberships(IdentityService identityService, JdbcClient jdbc, ProcessEngine engine) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.membershipTable = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix()
        + "ACT_ID_MEMBERSHIP";
  }

  /** Each of {@code groupIds} with its members (none: an empty set), read without an authorization check. */
  Map<String, Set<String>> of(Collection<String> groupIds) {
    Map<String, Set<String>> members = new TreeMap<>();
    groupIds.forEach(group -> members.put(group, new TreeSet<>()));
    if (identityService.isReadOnly()) {
      members.forEach((group, users) -> users.addAll(fromDirectory(group)));
      return members;
    }
    for (List<String> chunk : SqlInLists.chunks(members.keySet())) {
      jdbc.sql("SELECT GROUP_ID_, USER_ID_ FROM " + membershipTable + " WHERE GROUP_ID_ IN (:groups)")
          .param("groups", chunk)
          .query(rs -> {
            members.get(rs.getString(1)).add(rs.getString(2));
          });
    }
    return members;
  }

  private Set<String> fromDirectory(String groupId) {
    Set<String> members = new TreeSet<>();
    int first = 0;
    List<User> page;
    do {
      page = identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().listPage(first, MEMBERS_PAGE);
      page.forEach(user -> members.add(user.getId()));
      first += MEMBERS_PAGE;
    } while (page.size() == MEMBERS_PAGE);
    return members;
  }
}
