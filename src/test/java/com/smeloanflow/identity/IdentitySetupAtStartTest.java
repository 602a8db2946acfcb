package com.smeloanflow.identity;

import static com.smeloanflow.identity.TestBranches.freshCode;
import static com.smeloanflow.identity.TestBranches.freshDivision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The set-up every node runs at start reads the groups and grants it writes at once: its look-ups do not grow with
 * the bank's branches, a restart writes nothing, and what is missing is still written, also when another
 * node's start wrote it in the meantime. What the grants allow is {@link BranchServiceTest}'s and the Tasklist tests'.
 */
class IdentitySetupAtStartTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";

  @Autowired BranchService branchService;
  @Autowired BranchRepository branches;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  @Autowired CamundaGrants grants;
  @Autowired AuthorizationService authorizationService;

  @Test
  void theSetUpLooksUpGrantsOncePerResourceTypeHoweverManyBranchesTheBankHas() {
    branchService.create(new CreateBranch(freshCode(), "汇川支行", List.of(freshDivision())), ADMIN);
    long fewer = calls(setUpCounting().authorizations, "createAuthorizationQuery");
    for (int i = 0; i < 5; i++) {
      branchService.create(new CreateBranch(freshCode(), "红花岗支行", List.of(freshDivision())), ADMIN);
    }

    Counting more = setUpCounting();

    // Without reading at once each of a branch's 22 groups and grants was a look-up of its own.
    int chunks = (groupsOfTheSetUp() + 99) / 100;
    long lookUps = calls(more.authorizations, "createAuthorizationQuery");
    assertThat(lookUps).isEqualTo(chunks * Resources.values().length);
    assertThat(lookUps - fewer).isLessThanOrEqualTo(Resources.values().length);
  }

  /** The members of every branch's groups were read with three user queries per branch. */
  @Test
  void theSetUpReadsTheMembersOfEveryBranchAtOnce() {
    branchService.create(new CreateBranch(freshCode(), "汇川支行", List.of(freshDivision())), ADMIN);
    long fewer = calls(setUpCounting().identity, "createUserQuery");
    for (int i = 0; i < 5; i++) {
      branchService.create(new CreateBranch(freshCode(), "红花岗支行", List.of(freshDivision())), ADMIN);
    }

    long more = calls(setUpCounting().identity, "createUserQuery");

    assertThat(more).as("user queries with five more branches").isEqualTo(fewer);
  }

  @Test
  void aRestartWritesNothing() {
    setUpCounting();

    Counting restart = setUpCounting();

    verify(restart.authorizations, never()).saveAuthorization(any());
    verify(restart.identity, never()).saveGroup(any());
    verify(restart.filters, never()).saveFilter(any());
    assertThat(calls(restart.identity, "createGroupQuery")).as("one look-up per 100 groups")
        .isEqualTo((groupsOfTheSetUp() + 99) / 100);
  }

  @Test
  void whatWasTakenAwayOrRenamedIsWrittenAgain() {
    String code = freshCode();
    branchService.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);
    Authorization tasklist = grantOf(Groups.acceptance(code), Resources.APPLICATION, "tasklist");
    authorizationService.deleteAuthorization(tasklist.getId());
    Group leads = identityService.createGroupQuery().groupId(Groups.leads(code)).singleResult();
    leads.setName("旧名称");
    identityService.saveGroup(leads);

    Counting setUp = setUpCounting();

    assertThat(grantOf(Groups.acceptance(code), Resources.APPLICATION, "tasklist").isPermissionGranted(Permissions.ACCESS))
        .isTrue();
    assertThat(identityService.createGroupQuery().groupId(Groups.leads(code)).singleResult().getName())
        .isEqualTo("播州支行 团队主管");
    verify(setUp.authorizations, atLeastOnce()).saveAuthorization(any());
  }

  @Test
  void aGrantAnotherNodeWroteAfterTheReadIsCompletedNotDuplicated() {
    String group = "race-" + freshCode();
    CamundaGrants readEarly = grants.readingAtOnce(List.of(group));
    // Another node's start, between this node's read and its writes.
    grants.grant(group, Resources.FILTER, "race-filter", Permissions.UPDATE);
    grants.grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);

    readEarly.grant(group, Resources.FILTER, "race-filter", Permissions.READ);
    readEarly.grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);

    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(group).count()).isEqualTo(2);
    Authorization filter = grantOf(group, Resources.FILTER, "race-filter");
    assertThat(filter.isPermissionGranted(Permissions.READ) && filter.isPermissionGranted(Permissions.UPDATE)).isTrue();
  }

  @Test
  void aGroupAnotherNodeCreatedAfterTheReadGetsThisNodesName() {
    String group = "race-" + freshCode();
    CamundaGrants readEarly = grants.readingAtOnce(List.of(group));
    grants.ensureGroup(group, "另一节点所建");

    readEarly.ensureGroup(group, "本节点所建");

    assertThat(identityService.createGroupQuery().groupId(group).singleResult().getName()).isEqualTo("本节点所建");
  }

  @Test
  void aGrantAnotherNodeChangedAfterTheReadKeepsBothChanges() {
    String group = "race-" + freshCode();
    grants.grant(group, Resources.FILTER, "race-filter", Permissions.READ);
    CamundaGrants readEarly = grants.readingAtOnce(List.of(group));
    grants.grant(group, Resources.FILTER, "race-filter", Permissions.UPDATE);

    readEarly.grant(group, Resources.FILTER, "race-filter", Permissions.DELETE);
    readEarly.revoke(group, Resources.FILTER, "race-filter", Permissions.READ);

    Authorization filter = grantOf(group, Resources.FILTER, "race-filter");
    assertThat(filter.isPermissionGranted(Permissions.UPDATE)).as("the other node's").isTrue();
    assertThat(filter.isPermissionGranted(Permissions.DELETE)).as("this node's").isTrue();
    assertThat(filter.isPermissionGranted(Permissions.READ)).as("revoked by this node").isFalse();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private record Counting(AuthorizationService authorizations, IdentityService identity, FilterService filters) {}

  /** Runs the start's set-up with engine services that count their calls. */
  private Counting setUpCounting() {
    AuthorizationService countedAuthorizations = spy(authorizationService);
    IdentityService countedIdentity = spy(identityService);
    FilterService countedFilters = spy(filterService);
    CamundaGrants counted = new CamundaGrants(countedIdentity, countedAuthorizations, processEngine);
    TasklistFilters filters = new TasklistFilters(countedFilters, taskService, Set.of(IdentitySetup.FILTER_MY_TASKS));
    GroupMemberships memberships = new GroupMemberships(countedIdentity, jdbc, processEngine);
    new IdentitySetup(counted, filters, new BranchGroups(counted, filters, memberships), branches).setUp();
    return new Counting(countedAuthorizations, countedIdentity, countedFilters);
  }

  private static long calls(Object counted, String method) {
    return mockingDetails(counted).getInvocations().stream().filter(call -> call.getMethod().getName().equals(method)).count();
  }

  private int groupsOfTheSetUp() {
    return IdentitySetup.groupIds(branches.all()).size();
  }

  private Authorization grantOf(String group, Resources resource, String resourceId) {
    return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
  }
}
