package com.smeloanflow.identity;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: two branches (through {@link BranchService}, as an administrator would) and
 * one user per role, all with password {@code demo}. Never active with the production profile.
 */
@Component
@Profile("demo & !production")
public class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  public static final String PASSWORD = "demo";

  /**
   * user id, name, role, groups. Tasklist shows a user as "firstName lastName", so the whole
   * Chinese name goes into the first name and the role, in brackets, into the last name: the header
   * reads "王芳 (汇川支行受理)".
   */
  public record DemoUser(String id, String name, String role, List<String> groups) {
    public String firstName() {
      return name;
    }

    public String lastName() {
      return "(" + role + ")";
    }
  }

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("admin", "管理员", "系统管理员", List.of(Groups.CAMUNDA_ADMIN)),
      new DemoUser("channel", "渠道网关", "系统用户", List.of(Groups.CHANNEL_GATEWAY)),
      new DemoUser("core-banking", "核心系统", "系统用户", List.of(Groups.CORE_BANKING)),
      new DemoUser("zy001-acceptor", "王芳", "汇川支行受理", List.of(Groups.acceptance("ZY001"))),
      new DemoUser("zy002-acceptor", "李娜", "红花岗支行受理", List.of(Groups.acceptance("ZY002"))),
      new DemoUser("zy001-cm", "张伟", "汇川支行客户经理", List.of(Groups.customerManagers("ZY001"))),
      new DemoUser("zy001-cm2", "赵敏", "汇川支行客户经理", List.of(Groups.customerManagers("ZY001"))),
      new DemoUser("zy002-cm", "钱坤", "红花岗支行客户经理", List.of(Groups.customerManagers("ZY002"))),
      new DemoUser("centre-processor", "刘洋", "集中作业中心", List.of(Groups.PROCESSING_CENTRE)),
      new DemoUser("remote-verifier", "陈静", "远程银行中心", List.of(Groups.REMOTE_BANKING)),
      new DemoUser("approver", "杨勇", "审批人", List.of(Groups.CREDIT_APPROVERS)),
      new DemoUser("committee1", "赵磊", "贷审会委员", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("committee2", "黄敏", "贷审会委员", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("committee3", "周杰", "贷审会委员", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("committee-chair", "郑国栋", "贷审会主任委员", List.of(Groups.CREDIT_COMMITTEE_CHAIR)),
      new DemoUser("disburser", "吴霞", "放款审核", List.of(Groups.DISBURSEMENT_OPS)),
      new DemoUser("collector", "徐强", "资产保全", List.of(Groups.COLLECTIONS)),
      new DemoUser("collector2", "郭芳", "资产保全", List.of(Groups.COLLECTIONS)),
      new DemoUser("team-lead", "孙丽", "团队主管", List.of(Groups.TEAM_LEADS, Groups.leads("ZY001"),
          Teams.Central.PROCESSING_CENTRE.leadGroup(), Teams.Central.APPROVAL.leadGroup())),
      new DemoUser("zy002-lead", "周涛", "红花岗支行团队主管", List.of(Groups.TEAM_LEADS, Groups.leads("ZY002"))),
      new DemoUser("process-owner", "马超", "流程管理员", List.of(Groups.PROCESS_OWNERS)),
      new DemoUser("campaign-manager", "林悦", "营销管理岗", List.of(Groups.CAMPAIGN_MANAGERS)));

  /** The demo branches of 遵义市 and the district each covers. */
  static final List<CreateBranch> BRANCHES = List.of(
      new CreateBranch("ZY001", "汇川支行", List.of("520303")),
      new CreateBranch("ZY002", "红花岗支行", List.of("520302")));

  /** Who seeded the demo branches, in their created_by / updated_by. */
  static final String SEEDED_BY = "demo-data";

  private final IdentityService identityService;
  private final BranchService branches;

  public DemoData(IdentityService identityService, BranchService branches) {
    this.identityService = identityService;
    this.branches = branches;
  }

  /**
   * After {@link IdentitySetup} (the Tasklist filters exist), before the users (their groups come
   * with the branches). A demo database from before branches had grids gets them here.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(15)
  public void seedBranches() {
    for (CreateBranch branch : BRANCHES) {
      Optional<BranchDetails> existing = branches.find(branch.code());
      if (existing.isEmpty()) {
        branches.create(branch, SEEDED_BY);
      } else if (existing.get().grid().isEmpty()) {
        branches.update(new UpdateBranch(branch.code(), existing.get().name(), branch.grid()), SEEDED_BY);
      }
    }
  }

  /** After {@link IdentitySetup}: the groups exist. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void seedUsers() {
    for (DemoUser demo : USERS) {
      User existing = identityService.createUserQuery().userId(demo.id()).singleResult();
      if (existing != null) {
        renameIfSeededEarlier(existing, demo);
        joinGroupsAddedSince(demo);
        continue;
      }
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@smeloan.example.com");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      for (String group : demo.groups()) {
        identityService.createMembership(demo.id(), group);
      }
    }
    log.warn("Demo profile: {} demo users with password '{}' are active. Never run the demo profile in production.",
        USERS.size(), PASSWORD);
  }

  /** A demo user seeded by an earlier version joins the groups the current version gives them. */
  private void joinGroupsAddedSince(DemoUser demo) {
    for (String group : demo.groups()) {
      if (identityService.createGroupQuery().groupId(group).groupMember(demo.id()).count() == 0) {
        identityService.createMembership(demo.id(), group);
      }
    }
  }

  /** A demo database seeded by an earlier version keeps its users; their names follow the current ones. */
  private void renameIfSeededEarlier(User user, DemoUser demo) {
    if (!demo.firstName().equals(user.getFirstName()) || !demo.lastName().equals(user.getLastName())) {
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      identityService.saveUser(user);
    }
  }
}
