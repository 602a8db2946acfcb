package com.smeloanflow.identity;

import static com.smeloanflow.identity.TestBranches.freshCode;
import static com.smeloanflow.identity.TestBranches.freshDivision;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first start after the branches' reads of the central staff who hold branch tasks
 * ({@link BranchStaffReads#HOLDERS_OF_BRANCH_TASKS}) on PostgreSQL, with 40 branches: every branch group's grant on
 * each holder is written by the start's set-up, then by the directory's re-sync; what each costs (time, the
 * statements PostgreSQL ran, from pg_stat_statements) is printed for docs/performance.md ("The identity set-up reads
 * its groups and grants at once"). The asserts are what a branch's staff notice: each holder read, once; and that
 * the grants are written in one transaction per branch, not one per grant.
 */
class BranchStaffReadsFirstStartPostgresIT extends AbstractPostgresIntegrationTest {

  private static final int BRANCHES = 40;

  @Autowired IdentitySetup identitySetup;
  @Autowired DirectorySync directorySync;
  @Autowired BranchService branchService;
  @Autowired BranchRepository branches;

  @Test
  void theFirstStartWritesEveryBranchGroupsGrantOnEachHolderOnce() {
    while (branches.all().size() < BRANCHES) {
      branchService.create(new CreateBranch(freshCode(), "测试支行", List.of(freshDivision())), "admin");
    }
    List<String> readers = new ArrayList<>();
    branches.all().forEach(branch -> readers.addAll(BranchStaffReads.readers(branch.code())));
    Set<String> holders = new TreeSet<>();
    BranchStaffReads.HOLDERS_OF_BRANCH_TASKS.forEach(group -> identityService.createUserQuery().memberOfGroup(group).list()
        .stream().map(User::getId).forEach(holders::add));
    Set<String> staff = new TreeSet<>();
    readers.forEach(group -> identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
        .forEach(staff::add));
    holders.removeAll(staff);
    jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();

    String setUp = measured("first start's set-up", readers, holders, identitySetup::setUp);
    String restart = measured("restart's set-up", readers, holders, identitySetup::setUp);
    String sync = measured("re-sync after a version without the grants", readers, holders, directorySync::sync);
    String quietSync = measured("re-sync with nothing changed", readers, holders, directorySync::sync);

    System.out.printf("%d branches, %d branch groups, %d holders of branch tasks (%d groups)%n%s%n%s%n%s%n%s%n",
        branches.all().size(), readers.size(), holders.size(), BranchStaffReads.HOLDERS_OF_BRANCH_TASKS.size(),
        setUp, restart, sync, quietSync);
  }

  /**
   * Runs {@code step} after taking the branch groups' grants on the holders away when its name says the version
   * before (a first start or a re-sync after it), checks each branch group reads each holder once, and tells what the
   * step cost.
   */
  private String measured(String name, List<String> readers, Set<String> holders, Runnable step) {
    boolean writes = !name.contains("restart") && !name.contains("nothing");
    if (writes) {
      jdbc.sql("DELETE FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = :type AND GROUP_ID_ IN (:readers) AND RESOURCE_ID_ IN (:holders)")
          .param("type", Resources.USER.resourceType()).param("readers", readers).param("holders", holders).update();
    }
    jdbc.sql("SELECT pg_stat_statements_reset()").query().listOfRows();
    long start = System.nanoTime();
    step.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<Map<String, Object>> statements = jdbc.sql("""
        SELECT CASE WHEN query ILIKE 'insert into ACT_RU_AUTHORIZATION%' THEN 'insert grant'
                    WHEN query ILIKE 'delete from ACT_RU_AUTHORIZATION%' THEN 'delete grant'
                    WHEN query ILIKE '%from ACT_RU_AUTHORIZATION%' THEN 'select grants'
                    WHEN query ILIKE '%ACT_ID_MEMBERSHIP%' THEN 'select members'
                    WHEN query ILIKE '%ACT_ID_GROUP%' THEN 'select groups'
                    WHEN query IN ('BEGIN', 'COMMIT', 'ROLLBACK') THEN 'begin/commit'
                    ELSE 'other' END AS kind, SUM(calls) AS calls
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'
        GROUP BY 1 ORDER BY 1
        """).query().listOfRows();
    long total = statements.stream().mapToLong(row -> ((Number) row.get("calls")).longValue()).sum();
    long transactions = statements.stream().filter(row -> "begin/commit".equals(row.get("kind")))
        .mapToLong(row -> ((Number) row.get("calls")).longValue()).sum();
    if (writes) {
      assertThat(transactions).as("%s: BEGIN/COMMIT, a transaction per branch, not per grant", name)
          .isLessThan((long) readers.size() * holders.size());
    }

    Long grantsOnHolders = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = :type"
            + " AND GROUP_ID_ IN (:readers) AND RESOURCE_ID_ IN (:holders)")
        .param("type", Resources.USER.resourceType()).param("readers", readers).param("holders", holders)
        .query(Long.class).single();
    assertThat(grantsOnHolders).as("%s: each branch group reads each holder, once", name)
        .isEqualTo((long) readers.size() * holders.size());
    return String.format("%s: %d ms, %d statements %s", name, millis, total, statements);
  }
}
