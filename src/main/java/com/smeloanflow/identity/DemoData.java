package com.smeloanflow.identity;

import java.util.List;
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
 * Demo profile only: two branches and one user per role, all with password {@code demo}. Never
 * active with the production profile.
 */
@Component
@Profile("demo & !production")
public class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  public static final String PASSWORD = "demo";

  /** user id, last name, first name, groups. */
  public record DemoUser(String id, String lastName, String firstName, List<String> groups) {}

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("admin", "管理员", "系统", List.of(Groups.CAMUNDA_ADMIN)),
      new DemoUser("channel", "网关", "渠道", List.of(Groups.CHANNEL_GATEWAY)),
      new DemoUser("zy001-acceptor", "王", "芳", List.of(Groups.acceptance("ZY001"))),
      new DemoUser("zy002-acceptor", "李", "娜", List.of(Groups.acceptance("ZY002"))),
      new DemoUser("zy001-cm", "张", "伟", List.of(Groups.customerManagers("ZY001"))),
      new DemoUser("centre-processor", "刘", "洋", List.of(Groups.PROCESSING_CENTRE)),
      new DemoUser("remote-verifier", "陈", "静", List.of(Groups.REMOTE_BANKING)),
      new DemoUser("approver", "杨", "勇", List.of(Groups.CREDIT_APPROVERS)),
      new DemoUser("committee1", "赵", "磊", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("committee2", "黄", "敏", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("committee3", "周", "杰", List.of(Groups.CREDIT_COMMITTEE)),
      new DemoUser("disburser", "吴", "霞", List.of(Groups.DISBURSEMENT_OPS)),
      new DemoUser("collector", "徐", "强", List.of(Groups.COLLECTIONS)),
      new DemoUser("team-lead", "孙", "丽", List.of(Groups.TEAM_LEADS)),
      new DemoUser("process-owner", "马", "超", List.of(Groups.PROCESS_OWNERS)));

  private final IdentityService identityService;
  private final BranchDirectory branches;

  public DemoData(IdentityService identityService, BranchDirectory branches) {
    this.identityService = identityService;
    this.branches = branches;
  }

  /** Before {@link IdentitySetup}: it creates the groups of every branch. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void seedBranches() {
    branches.ensure("ZY001", "汇川支行");
    branches.ensure("ZY002", "红花岗支行");
  }

  /** After {@link IdentitySetup}: the groups exist. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void seedUsers() {
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
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
}
