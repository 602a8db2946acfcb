package com.smeloanflow.identity;

import static com.smeloanflow.identity.TestBranches.freshCode;
import static com.smeloanflow.identity.TestBranches.freshDivision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TestApplications;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Branches as reference data: opening one creates its groups and their authorizations with it, a
 * clash with another branch is refused, and a deactivated branch takes no new application.
 */
class BranchServiceTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";

  @Autowired BranchService branches;
  @Autowired BranchDirectory directory;
  @Autowired IdentitySetup identitySetup;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;
  @Autowired TransactionTemplate transaction;

  @Test
  void openingABranchCreatesItsAcceptanceAndCustomerManagerGroupsWithChineseNames() {
    String code = freshCode();

    BranchDetails branch = branches.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);

    assertThat(branch.active()).isTrue();
    assertThat(branch.createdBy()).isEqualTo(ADMIN);
    assertThat(branch.updatedBy()).isEqualTo(ADMIN);
    assertThat(identityService.createGroupQuery().groupId(Groups.acceptance(code)).singleResult().getName())
        .isEqualTo("播州支行 受理岗");
    assertThat(identityService.createGroupQuery().groupId(Groups.customerManagers(code)).singleResult().getName())
        .isEqualTo("播州支行 客户经理");
  }

  @Test
  void theNewBranchsGroupsWorkInTasklistAndStartTheCounterForm() {
    String code = freshCode();
    branches.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);
    String myTasks = filterService.createFilterQuery().filterName(IdentitySetup.FILTER_MY_TASKS).singleResult().getId();
    String groupTasks = filterService.createFilterQuery().filterName(IdentitySetup.FILTER_GROUP_TASKS).singleResult().getId();

    for (String group : BranchGroups.of(code)) {
      assertThat(may(group, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as(group + " Tasklist").isTrue();
      assertThat(may(group, ProcessDefinitionPermissions.READ, Resources.PROCESS_DEFINITION, "post-loan-monitoring"))
          .as(group + " reads process definitions").isTrue();
      assertThat(may(group, Permissions.READ, Resources.FILTER, myTasks)).as(group + " 我的待办").isTrue();
      assertThat(may(group, Permissions.READ, Resources.FILTER, groupTasks)).as(group + " 我的组任务").isTrue();
      assertThat(may(group, ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
          LoanOriginationProcess.KEY)).as(group + " starts the counter form").isTrue();
      assertThat(may(group, Permissions.CREATE, Resources.PROCESS_INSTANCE, "*")).isTrue();
      assertThat(may(group, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).as(group + " Cockpit").isFalse();
      assertThat(may(group, Permissions.READ, Resources.TASK, "*")).as(group + " reads every task").isFalse();
    }
  }

  @Test
  void settingUpAgainAtTheNextStartAddsNoAuthorization() {
    String code = freshCode();
    branches.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);
    long before = authorizationService.createAuthorizationQuery().groupIdIn(BranchGroups.of(code).toArray(String[]::new)).count();

    identitySetup.setUp();

    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(BranchGroups.of(code).toArray(String[]::new)).count())
        .isEqualTo(before).isPositive();
  }

  @Test
  void theRowAndTheGroupsCommitOrRollBackTogether() {
    String code = freshCode();

    transaction.executeWithoutResult(status -> {
      branches.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);
      status.setRollbackOnly();
    });

    assertThat(branches.find(code)).isEmpty();
    assertThat(identityService.createGroupQuery().groupIdIn(BranchGroups.of(code).toArray(String[]::new)).count()).isZero();
    assertThat(authorizationService.createAuthorizationQuery().groupIdIn(BranchGroups.of(code).toArray(String[]::new)).count())
        .isZero();
  }

  @Test
  void aTakenCodeIsAConflictAndChangesNothing() {
    String code = freshCode();
    String division = freshDivision();
    branches.create(new CreateBranch(code, "播州支行", List.of(division)), ADMIN);

    assertThatThrownBy(() -> branches.create(new CreateBranch(code, "桐梓支行", List.of(freshDivision())), "other-admin"))
        .isInstanceOfSatisfying(BranchConflictException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field, FieldViolation::code).containsExactly(tuple("code", "CODE_TAKEN")));

    BranchDetails unchanged = branches.get(code);
    assertThat(unchanged.name()).isEqualTo("播州支行");
    assertThat(unchanged.grid()).containsExactly(division);
  }

  @Test
  void aDivisionCoveredByAnotherBranchIsAConflictNamingItsPositionAndWritesNothing() {
    String covered = freshDivision();
    String owner = freshCode();
    branches.create(new CreateBranch(owner, "播州支行", List.of(covered)), ADMIN);
    String code = freshCode();

    assertThatThrownBy(() -> branches.create(new CreateBranch(code, "桐梓支行", List.of(freshDivision(), covered)), ADMIN))
        .isInstanceOfSatisfying(BranchConflictException.class, e -> {
          assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("grid[1]");
          assertThat(e.violations().get(0).code()).isEqualTo("DIVISION_COVERED");
          assertThat(e.getMessage()).contains(covered).contains(owner);
        });

    assertThat(branches.find(code)).isEmpty();
    assertThat(identityService.createGroupQuery().groupId(Groups.acceptance(code)).count()).isZero();
  }

  @Test
  void badFieldsAreEachNamedAndNothingIsWritten() {
    String code = freshCode();

    assertThatThrownBy(() -> branches.create(new CreateBranch(code, "", List.of("123")), ADMIN))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field).containsExactly("name", "grid[0]"));

    assertThat(branches.find(code)).isEmpty();
    assertThat(identityService.createGroupQuery().groupId(Groups.acceptance(code)).count()).isZero();
  }

  @Test
  void renamingABranchRenamesItsGroupsAndAGridChangeFreesDivisionsForAnotherBranch() {
    String code = freshCode();
    String kept = freshDivision();
    String released = freshDivision();
    branches.create(new CreateBranch(code, "播州支行", List.of(kept, released)), ADMIN);

    BranchDetails renamed = branches.update(new UpdateBranch(code, "播州区支行", List.of(kept)), "admin2");
    BranchDetails neighbour = branches.create(new CreateBranch(freshCode(), "桐梓支行", List.of(released)), ADMIN);

    assertThat(renamed.name()).isEqualTo("播州区支行");
    assertThat(renamed.grid()).containsExactly(kept);
    assertThat(renamed.createdBy()).isEqualTo(ADMIN);
    assertThat(renamed.updatedBy()).isEqualTo("admin2");
    assertThat(identityService.createGroupQuery().groupId(Groups.acceptance(code)).singleResult().getName())
        .isEqualTo("播州区支行 受理岗");
    assertThat(directory.covering(released)).map(BranchDirectory.Branch::code).contains(neighbour.code());
  }

  @Test
  void anUnchangedUpdateLeavesTheAuditAsItWas() {
    String code = freshCode();
    String division = freshDivision();
    BranchDetails created = branches.create(new CreateBranch(code, "播州支行", List.of(division)), ADMIN);

    BranchDetails same = branches.update(new UpdateBranch(code, "播州支行", List.of(division)), "admin2");

    assertThat(same).isEqualTo(created);
  }

  @Test
  void updatingAnUnknownBranchIsNotFound() {
    assertThatThrownBy(() -> branches.update(new UpdateBranch("XX999", "无名支行", List.of(freshDivision())), ADMIN))
        .isInstanceOf(BranchNotFoundException.class);
  }

  @Test
  void aDeactivatedBranchTakesNoNewApplicationButKeepsItsOpenWorkUntilReactivated() {
    String code = freshCode();
    branches.create(new CreateBranch(code, "播州支行", List.of(freshDivision())), ADMIN);
    Submitted open = submit(TestApplications.mortgageAtBranchCounter().branchCode(code));

    BranchDetails inactive = branches.setActive(new SetBranchActive(code, false), ADMIN);

    assertThat(inactive.active()).isFalse();
    assertThat(directory.takesApplications(code)).isFalse();
    assertThatThrownBy(() -> intakeService.submit(TestApplications.mortgageAtBranchCounter().branchCode(code).build(), CHANNEL, null))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
            .extracting(FieldViolation::field, FieldViolation::code)
            .containsExactly(tuple("branchCode", "UNKNOWN_BRANCH")));
    Task acceptance = taskService.createTaskQuery().processInstanceId(open.processInstance().getId()).singleResult();
    assertThat(taskService.createTaskQuery().taskId(acceptance.getId()).taskCandidateGroup(Groups.acceptance(code)).count())
        .as("the open application's acceptance task stays with the branch").isEqualTo(1);
    assertThat(directory.find(code)).map(BranchDirectory.Branch::name).as("its name still shown").contains("播州支行");

    branches.setActive(new SetBranchActive(code, true), ADMIN);

    assertThat(intakeService.submit(TestApplications.mortgageAtBranchCounter().branchCode(code).build(), CHANNEL, null)
        .applicationId()).startsWith("SL");
  }

  @Test
  void theDemoBranchesCoverTheirDistrictsSoAnEnterpriseIsRoutedByItsCreditCode() {
    assertThat(branches.get("ZY001").grid()).containsExactly("520303");
    assertThat(branches.get("ZY002").grid()).containsExactly("520302");
    assertThat(directory.covering(AdministrativeDivisions.ofCreditCode(TestApplications.CREDIT_CODE)))
        .contains(new BranchDirectory.Branch("ZY001", "汇川支行"));
    assertThat(directory.covering("110101")).isEmpty();
  }

  private boolean may(String group, Permission permission, Resource resource, String resourceId) {
    return authorizationService.isUserAuthorized("someone-of-" + group, List.of(group), permission, resource, resourceId);
  }
}
