package com.smeloanflow.dashboard;

import com.smeloanflow.identity.BranchService;
import com.smeloanflow.identity.CreateBranch;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * A branch of its own for each dashboard test, so a branch's figures count only what the test did (the
 * test database is shared and never cleaned): codes DB100..DB999 from a random start, a county-level
 * division of 新疆 (65xxxx) that no demo or other test branch covers, and one customer manager.
 */
final class DashboardBranches {

  private static final AtomicInteger CODES = new AtomicInteger(100 + new Random().nextInt(800));
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

  /** A branch made for one test: its code, the division it covers, its customer manager's user id. */
  record TestBranch(String code, String division, String customerManager) {

    /** A valid credit code of an enterprise registered in the branch's division, used by no other test. */
    String enterpriseCreditCode() {
      Random random = new Random(SEEDS.incrementAndGet());
      StringBuilder first17 = new StringBuilder("91").append(division);
      for (int i = 0; i < 9; i++) {
        first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return first17 + String.valueOf(UnifiedSocialCreditCode.checkCharacter(first17.toString()));
    }
  }

  private DashboardBranches() {}

  static TestBranch fresh(BranchService branches, IdentityService identity) {
    int n = CODES.getAndIncrement() % 1000;
    String code = String.format("DB%03d", n);
    String division = String.format("65%02d%02d", n / 90 + 1, n % 90 + 1);
    branches.create(new CreateBranch(code, "看板测试支行" + n, List.of(division)), "admin");
    String manager = code.toLowerCase() + "-cm";
    if (identity.createUserQuery().userId(manager).count() == 0) {
      User user = identity.newUser(manager);
      user.setFirstName("看板测试客户经理");
      user.setPassword("demo");
      identity.saveUser(user);
      identity.createMembership(manager, Groups.customerManagers(code));
    }
    return new TestBranch(code, division, manager);
  }

  /** The branch's team lead ({@code <branch>-lead}, of the lead group {@code <branch>-leads} only): sees that branch alone. */
  static String lead(IdentityService identity, TestBranch of) {
    String user = of.code().toLowerCase() + "-lead";
    if (identity.createUserQuery().userId(user).count() == 0) {
      User lead = identity.newUser(user);
      lead.setFirstName("看板测试团队主管");
      lead.setPassword("demo");
      identity.saveUser(lead);
      identity.createMembership(user, Groups.leads(of.code()));
    }
    return user;
  }
}
