package com.smeloanflow.identity;

import static com.smeloanflow.identity.TestBranches.freshCode;
import static com.smeloanflow.identity.TestBranches.freshDivision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.spy;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The directory's re-sync while the nodes run ({@link DirectorySync}): a membership changed in the directory, outside
 * any engine command (as in the bank's LDAP; here the membership table written directly), changes who reads the member
 * at the next re-sync instead of the next restart; a deleted central group's members are no longer read by the
 * branches; one node per interval re-syncs; a change of one central group writes that group's differences only.
 * What a reader notices is the engine REST API's answer to the member's profile (200 or 404).
 */
class DirectorySyncTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";
  /** Instants of {@link DirectorySync#syncForCluster} after any a test of this JVM used. */
  private static final Instant LATER = Instant.now().plus(Duration.ofDays(3650));

  @Autowired DirectorySync directorySync;
  @Autowired DirectorySyncStore store;
  @Autowired BranchService branchService;
  @Autowired BranchRepository branches;
  @Autowired CamundaGrants grants;
  @Autowired TasklistFilters filters;
  @Autowired AuthorizationService authorizationService;

  @Test
  void aClerkMovedToAnotherBranchInTheDirectoryIsReadByTheNewBranchAfterTheReSync() {
    String from = openBranch();
    String to = openBranch();
    String oldColleague = user(Groups.acceptance(from));
    String newColleague = user(Groups.acceptance(to));
    String clerk = user(Groups.customerManagers(from));
    assertThat(reads(oldColleague, clerk)).isTrue();
    assertThat(reads(newColleague, clerk)).isFalse();

    moveInTheDirectory(clerk, Groups.customerManagers(from), Groups.customerManagers(to));
    directorySync.sync();

    assertThat(reads(newColleague, clerk)).as("the new branch reads the clerk").isTrue();
    assertThat(reads(oldColleague, clerk)).as("the old branch no longer reads the clerk").isFalse();
  }

  @Test
  void oneNodePerIntervalReSyncsForTheCluster() {
    String from = openBranch();
    String to = openBranch();
    String newColleague = user(Groups.acceptance(to));
    String clerk = user(Groups.customerManagers(from));
    DirectorySync nodeA = node("node-a");
    DirectorySync nodeB = node("node-b");
    Instant first = LATER.plus(Duration.ofDays(1));
    assertThat(nodeA.syncForCluster(first)).isTrue();

    moveInTheDirectory(clerk, Groups.customerManagers(from), Groups.customerManagers(to));

    assertThat(nodeB.syncForCluster(first.plusSeconds(1))).as("node A re-synced within the interval").isFalse();
    assertThat(reads(newColleague, clerk)).isFalse();
    Instant due = first.plus(directorySync.interval());
    assertThat(nodeB.syncForCluster(due)).isTrue();
    assertThat(nodeA.syncForCluster(due.plusSeconds(1))).as("node B re-synced within the interval").isFalse();
    assertThat(reads(newColleague, clerk)).isTrue();
  }

  /** The group gone from the directory with its memberships (the engine's own directory's deleteGroup hears no hook either). */
  @Test
  void theMembersOfADeletedCentralGroupAreNoLongerReadByTheBranchesAfterTheReSync() {
    String branch = openBranch();
    String reader = user(Groups.acceptance(branch));
    String holder = user(Groups.REMOTE_BANKING);
    assertThat(reads(reader, holder)).isTrue();
    Map<String, Object> group = jdbc.sql("SELECT ID_, REV_, NAME_, TYPE_ FROM ACT_ID_GROUP WHERE ID_ = :id")
        .param("id", Groups.REMOTE_BANKING).query().singleRow();
    List<String> members = jdbc.sql("SELECT USER_ID_ FROM ACT_ID_MEMBERSHIP WHERE GROUP_ID_ = :id")
        .param("id", Groups.REMOTE_BANKING).query(String.class).list();
    try {
      jdbc.sql("DELETE FROM ACT_ID_MEMBERSHIP WHERE GROUP_ID_ = :id").param("id", Groups.REMOTE_BANKING).update();
      jdbc.sql("DELETE FROM ACT_ID_GROUP WHERE ID_ = :id").param("id", Groups.REMOTE_BANKING).update();

      directorySync.sync();

      assertThat(reads(reader, holder)).as("a branch reads the deleted group's member").isFalse();
    } finally {
      jdbc.sql("INSERT INTO ACT_ID_GROUP (ID_, REV_, NAME_, TYPE_) VALUES (:id, :rev, :name, :type)")
          .param("id", group.get("ID_")).param("rev", group.get("REV_")).param("name", group.get("NAME_"))
          .param("type", group.get("TYPE_")).update();
      members.stream().filter(member -> !member.equals(holder)).forEach(member -> joinInTheDirectory(member, Groups.REMOTE_BANKING));
      identityService.deleteUser(holder);
      directorySync.sync();
    }
  }

  /**
   * One new member of a central group whose members every branch reads: one grant per branch group, the grants on
   * users read one statement per 100 branch groups, no group listed.
   */
  @Test
  void aChangeOfOneCentralGroupWritesThatGroupsDifferencesOnly() {
    String branch = openBranch();
    String reader = user(Groups.leads(branch));
    directorySync.sync();
    String holder = user(null);
    try {
      joinInTheDirectory(holder, Groups.PROCESSING_CENTRE);

      Counting sync = syncCounting();

      int branchGroups = 3 * branches.all().size();
      assertThat(calls(sync.authorizations(), "saveAuthorization")).as("one grant per branch group").isEqualTo(branchGroups);
      assertThat(calls(sync.authorizations(), "deleteAuthorization")).isZero();
      assertThat(calls(sync.authorizations(), "createAuthorizationQuery")).as("one read per 100 branch groups")
          .isEqualTo((branchGroups + 99) / 100);
      assertThat(calls(sync.identity(), "createGroupQuery")).as("groups listed").isZero();
      assertThat(reads(reader, holder)).isTrue();

      Counting again = syncCounting();
      assertThat(calls(again.authorizations(), "saveAuthorization") + calls(again.authorizations(), "deleteAuthorization"))
          .as("a re-sync with nothing changed writes nothing").isZero();
    } finally {
      identityService.deleteUser(holder);
    }
  }

  /**
   * A re-sync the database refuses part way (here the engine's save of an authorization fails from the second save on):
   * the branches written before stay written, the refused branch's grants are written all or none, and the next
   * re-sync writes what is missing.
   */
  @Test
  void aReSyncRefusedPartWayIsCompletedByTheNext() {
    List<String> readers = List.of(user(Groups.acceptance(openBranch())), user(Groups.leads(openBranch())));
    directorySync.sync();
    List<String> holders = List.of(user(null), user(null));
    try {
      holders.forEach(holder -> joinInTheDirectory(holder, Groups.COLLECTIONS));
      AuthorizationService failing = spy(authorizationService);
      java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
      org.mockito.Mockito.doAnswer(call -> {
        if (saves.incrementAndGet() > 1) {
          throw new IllegalStateException("database refused the grant (test)");
        }
        return call.callRealMethod();
      }).when(failing).saveAuthorization(org.mockito.ArgumentMatchers.any());
      CamundaGrants refusing = new CamundaGrants(identityService, failing, processEngine);
      DirectorySync refused = new DirectorySync(refusing, new BranchGroups(refusing, filters,
          new GroupMemberships(identityService, jdbc, processEngine)), branches, store, directorySync.interval(), "refused");

      org.assertj.core.api.Assertions.assertThatThrownBy(refused::sync).hasMessageContaining("database refused");
      long readingOneOfTwo = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = :type"
              + " AND GROUP_ID_ IS NOT NULL AND RESOURCE_ID_ IN (:holders) GROUP BY GROUP_ID_ HAVING COUNT(*) = 1")
          .param("type", org.camunda.bpm.engine.authorization.Resources.USER.resourceType()).param("holders", holders)
          .query(Long.class).list().size();
      assertThat(readingOneOfTwo).as("branch groups left reading one holder of two").isZero();

      directorySync.sync();

      for (String reader : readers) {
        for (String holder : holders) {
          assertThat(reads(reader, holder)).as("%s reads %s", reader, holder).isTrue();
        }
      }
    } finally {
      holders.forEach(identityService::deleteUser);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String openBranch() {
    String code = freshCode();
    branchService.create(new CreateBranch(code, "测试支行", List.of(freshDivision())), ADMIN);
    return code;
  }

  /** A new user with the demo password, member of {@code group} (an engine command, so read at once) if not null. */
  private String user(String group) {
    String id = "sync-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName("同步测试");
    user.setPassword(com.smeloanflow.identity.DemoData.PASSWORD);
    identityService.saveUser(user);
    if (group != null) {
      identityService.createMembership(id, group);
    }
    return id;
  }

  /** A membership the directory changes outside any engine command, as the bank's LDAP does. */
  private void moveInTheDirectory(String userId, String fromGroup, String toGroup) {
    jdbc.sql("DELETE FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = :user AND GROUP_ID_ = :group")
        .param("user", userId).param("group", fromGroup).update();
    joinInTheDirectory(userId, toGroup);
  }

  private void joinInTheDirectory(String userId, String group) {
    jdbc.sql("INSERT INTO ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) VALUES (:user, :group)")
        .param("user", userId).param("group", group).update();
  }

  /** Whether {@code reader} reads {@code userId}'s profile over the engine REST API, as Tasklist asks for a name. */
  private boolean reads(String reader, String userId) {
    Response profile = api.get("/engine-rest/user/" + userId + "/profile", reader);
    assertThat(profile.status()).as(profile.toString()).isIn(200, 404);
    return profile.status() == 200;
  }

  private DirectorySync node(String name) {
    return new DirectorySync(grants, new BranchGroups(grants, filters, new GroupMemberships(identityService, jdbc, processEngine)),
        branches, store, directorySync.interval(), name);
  }

  private record Counting(AuthorizationService authorizations, IdentityService identity) {}

  /** Re-syncs with engine services that count their calls. */
  private Counting syncCounting() {
    AuthorizationService countedAuthorizations = spy(authorizationService);
    IdentityService countedIdentity = spy(identityService);
    CamundaGrants counted = new CamundaGrants(countedIdentity, countedAuthorizations, processEngine);
    GroupMemberships memberships = new GroupMemberships(countedIdentity, jdbc, processEngine);
    new DirectorySync(counted, new BranchGroups(counted, filters, memberships), branches, store, directorySync.interval(), "counted")
        .sync();
    return new Counting(countedAuthorizations, countedIdentity);
  }

  private static long calls(Object counted, String method) {
    return mockingDetails(counted).getInvocations().stream().filter(call -> call.getMethod().getName().equals(method)).count();
  }
}
