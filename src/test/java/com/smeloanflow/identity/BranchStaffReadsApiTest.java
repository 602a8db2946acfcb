package com.smeloanflow.identity;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.ApprovalAuthority;
import com.smeloanflow.process.WhitelistCampaignProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Branch isolation of the user and group directory over the engine REST API, with real JSON: a branch's staff list,
 * count and open the profiles of their own branch's staff, of the central staff who may hold their branch's tasks and
 * the groups their tasks name, never another branch's; the leads of a central team read everyone, as before; joining
 * and leaving a branch's group or a central group that holds branch tasks changes who reads the member at once. Demo branches ZY001 (汇川支行) and ZY002 (红花岗支行), demo users with password {@code demo}.
 */
class BranchStaffReadsApiTest extends AbstractIntegrationTest {

  private static final List<String> ZY002_STAFF = List.of("zy002-acceptor", "zy002-cm", "zy002-lead");
  private static final List<String> ZY001_STAFF = List.of("zy001-acceptor", "zy001-cm", "zy001-cm2");
  /** The demo's central staff who may hold a branch's task: processing centre, remote banking, approval, disbursement, collections. */
  private static final List<String> HOLDERS_OF_BRANCH_TASKS = List.of("centre-processor", "remote-verifier", "approver",
      "committee1", "committee2", "committee3", "committee-chair", "disburser", "collector", "collector2");

  @Test
  void aBranchCustomerManagerListsTheBranchsStaffAndNoneOfAnotherBranch() {
    List<String> users = ids(api.get("/engine-rest/user?maxResults=100", "zy001-cm"));

    assertThat(users).containsAll(ZY001_STAFF).contains("team-lead").containsAll(HOLDERS_OF_BRANCH_TASKS)
        .doesNotContainAnyElementsOf(ZY002_STAFF).doesNotContain("admin", "process-owner", "campaign-manager", "channel");
    assertThat(count(api.get("/engine-rest/user/count", "zy001-cm"))).as("count agrees with the list").isEqualTo(users.size());
    assertThat(api.get("/engine-rest/user/zy001-cm2/profile", "zy001-cm").json().path("firstName").asText()).isEqualTo("赵敏");
  }

  /** Before, the branch's lead group and the team-leads role read every user and group: 22 users, 25 groups. */
  @Test
  void aBranchLeadListsNoneOfAnotherBranchsStaffOrGroups() {
    List<String> users = ids(api.get("/engine-rest/user?maxResults=100", "zy002-lead"));
    assertThat(users).containsExactlyInAnyOrderElementsOf(Stream.concat(ZY002_STAFF.stream(), HOLDERS_OF_BRANCH_TASKS.stream()).toList());
    assertThat(count(api.get("/engine-rest/user/count", "zy002-lead"))).as("count agrees with the list").isEqualTo(users.size());

    List<String> groups = ids(api.get("/engine-rest/group?maxResults=100", "zy002-lead"));
    assertThat(groups).contains("ZY002-acceptance", "ZY002-customer-managers", "ZY002-leads", Groups.CREDIT_APPROVERS)
        .noneMatch(group -> group.startsWith("ZY001-")).doesNotContain(Groups.PROCESSING_CENTRE, Groups.CAMUNDA_ADMIN);
    assertThat(count(api.get("/engine-rest/group/count", "zy002-lead"))).as("count agrees with the list").isEqualTo(groups.size());
    assertThat(count(api.get("/engine-rest/user/count?memberOfGroup=ZY001-customer-managers", "zy002-lead"))).isZero();
  }

  /**
   * Tasklist names a task's assignee by the profile ({@code GET /user/{id}/profile}): a ZY001 application's approval
   * task held by the approver, its processing-centre review held by the centre's clerk, read by the branch's lead and
   * customer manager, showed "approver" instead of 杨勇 (404).
   */
  @Test
  void branchStaffReadTheNamesOfTheCentralStaffWhoHoldTheBranchsTasks() {
    for (String reader : List.of("zy002-lead", "zy001-cm", "zy001-acceptor")) {
      Response approver = api.get("/engine-rest/user/approver/profile", reader);
      assertThat(approver.status()).as("%s reads the approver: %s", reader, approver).isEqualTo(200);
      assertThat(approver.json().path("firstName").asText()).isEqualTo("杨勇");
      assertThat(api.get("/engine-rest/user/centre-processor/profile", reader).json().path("firstName").asText()).isEqualTo("刘洋");
      for (String holder : HOLDERS_OF_BRANCH_TASKS) {
        assertThat(readable(holder, reader)).as("%s reads %s", reader, holder).isTrue();
      }
      assertThat(readable("campaign-manager", reader)).as("head office marketing holds no branch's task").isFalse();
    }
  }

  @Test
  void theProfileOfAnotherBranchsStaffIsNotFound() {
    for (String reader : List.of("zy002-lead", "zy002-cm")) {
      Response profile = api.get("/engine-rest/user/zy001-cm/profile", reader);
      assertThat(profile.status()).as("%s reads zy001-cm: %s", reader, profile).isEqualTo(404);
      assertThat(profile.body()).doesNotContain("张伟");
      Response group = api.get("/engine-rest/group/ZY001-customer-managers", reader);
      assertThat(group.status()).as("%s reads ZY001-customer-managers: %s", reader, group).isEqualTo(404);
    }
  }

  /**
   * What Tasklist does when a branch's lead hands a task on: it checks the user exists ({@code GET /user?maxResults=1&id=…})
   * and sets the assignee, which the engine allows to a member of the task's candidate group only (a group query under
   * the lead's authorizations).
   */
  @Test
  void aBranchLeadStillHandsTheBranchsTaskToAColleagueAsTasklistDoes() {
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().branchCode("ZY002")).applicationId();
    String task = taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_ACCEPT_APPLICATION)
        .singleResult().getId();

    assertThat(ids(api.get("/engine-rest/user?maxResults=1&id=zy002-acceptor", "zy002-lead"))).containsExactly("zy002-acceptor");
    Response handed = api.post("/engine-rest/task/" + task + "/assignee", "zy002-lead", "{\"userId\":\"zy002-acceptor\"}");
    assertThat(handed.status()).as(handed.toString()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("zy002-acceptor");
    // Another branch's clerk is unknown to the check, and the engine refuses the hand-over all the same.
    assertThat(ids(api.get("/engine-rest/user?maxResults=1&id=zy001-acceptor", "zy002-lead"))).isEmpty();
    assertThat(api.post("/engine-rest/task/" + task + "/assignee", "zy002-lead", "{\"userId\":\"zy001-acceptor\"}").status())
        .isEqualTo(403);
  }

  @Test
  void theLeadsOfACentralTeamReadEveryBranchAsBefore() {
    long everyone = count(api.get("/engine-rest/user/count", "admin"));
    assertThat(count(api.get("/engine-rest/user/count", "team-lead"))).isEqualTo(everyone);
    assertThat(api.get("/engine-rest/user/zy002-cm/profile", "team-lead").status()).isEqualTo(200);
    // Central staff read themselves and their groups, as before.
    assertThat(ids(api.get("/engine-rest/user?maxResults=100", "centre-processor"))).containsExactly("centre-processor");
  }

  @Test
  void joiningAndLeavingABranchChangesWhoReadsTheMemberAtOnce() {
    String newcomer = "zy-move-" + Long.toString(System.nanoTime(), 36);
    Response created = api.post("/engine-rest/user/create", "admin", """
        {"profile": {"id": "%s", "firstName": "吴新", "lastName": "(客户经理)", "email": "%s@smeloan.example.com"},
         "credentials": {"password": "Newcomer-2026"}}""".formatted(newcomer, newcomer));
    assertThat(created.status()).as(created.toString()).isEqualTo(204);
    try {
      assertThat(readable(newcomer, "zy001-cm")).as("nobody's staff yet").isFalse();

      assertThat(api.send("PUT", "/engine-rest/group/ZY001-customer-managers/members/" + newcomer, "admin", "demo", null).status())
          .isEqualTo(204);
      assertThat(readable(newcomer, "zy001-cm")).isTrue();
      assertThat(readable(newcomer, "zy001-acceptor")).isTrue();
      assertThat(readable(newcomer, "zy002-cm")).isFalse();

      // Moved to ZY002: ZY001 no longer reads them, ZY002 does.
      assertThat(api.send("PUT", "/engine-rest/group/ZY002-customer-managers/members/" + newcomer, "admin", "demo", null).status())
          .isEqualTo(204);
      assertThat(api.send("DELETE", "/engine-rest/group/ZY001-customer-managers/members/" + newcomer, "admin", "demo", null)
          .status()).isEqualTo(204);
      assertThat(readable(newcomer, "zy001-cm")).isFalse();
      assertThat(readable(newcomer, "zy002-lead")).isTrue();
    } finally {
      // A customer manager left in ZY002 would be handed other tests' whitelist prospects.
      identityService.deleteUser(newcomer);
    }
  }

  /** Staff who join a central group that holds branches' tasks become readable by every branch, and stop when they leave. */
  @Test
  void joiningAndLeavingACentralGroupThatHoldsBranchTasksChangesWhoReadsTheMemberAtOnce() {
    String clerk = "zy-centre-" + Long.toString(System.nanoTime(), 36);
    assertThat(api.post("/engine-rest/user/create", "admin", """
        {"profile": {"id": "%s", "firstName": "宋佳", "lastName": "(集中作业中心)", "email": "%s@smeloan.example.com"},
         "credentials": {"password": "Centre-2026-one"}}""".formatted(clerk, clerk)).status()).isEqualTo(204);
    try {
      assertThat(readable(clerk, "zy001-cm")).as("nobody's staff yet").isFalse();

      assertThat(api.send("PUT", "/engine-rest/group/" + Groups.PROCESSING_CENTRE + "/members/" + clerk, "admin", "demo", null)
          .status()).isEqualTo(204);
      assertThat(readable(clerk, "zy001-cm")).isTrue();
      assertThat(readable(clerk, "zy002-lead")).isTrue();

      // Also a member of ZY001's customer managers: leaving the centre, ZY001 still reads them, ZY002 no longer.
      identityService.createMembership(clerk, "ZY001-customer-managers");
      assertThat(api.send("DELETE", "/engine-rest/group/" + Groups.PROCESSING_CENTRE + "/members/" + clerk, "admin", "demo", null)
          .status()).isEqualTo(204);
      assertThat(readable(clerk, "zy001-acceptor")).isTrue();
      assertThat(readable(clerk, "zy002-lead")).isFalse();

      // In the centre again, then leaving the branch: every branch still reads them while they are in the centre.
      identityService.createMembership(clerk, Groups.PROCESSING_CENTRE);
      identityService.deleteMembership(clerk, "ZY001-customer-managers");
      assertThat(readable(clerk, "zy001-acceptor")).isTrue();
      assertThat(readable(clerk, "zy002-cm")).isTrue();
      identityService.deleteMembership(clerk, Groups.PROCESSING_CENTRE);
      assertThat(readable(clerk, "zy001-acceptor")).isFalse();
      assertThat(readable(clerk, "zy002-cm")).isFalse();
    } finally {
      identityService.deleteUser(clerk);
    }
  }

  /**
   * A membership change of a central group that holds branch tasks is answered from the member's groups and the
   * grants on the member: joining reads the branch groups' grants on the member in one statement (not one per branch
   * group); leaving one such group while in another reads the member's groups only (no listing of every group, no
   * grant read). Statements counted by H2's query statistics.
   */
  @Test
  void aCentralGroupsMembershipChangeReadsTheMembersGrantsOnceAndListsNoGroupOnLeaving() {
    String clerk = "zy-count-" + Long.toString(System.nanoTime(), 36);
    identityService.saveUser(identityService.newUser(clerk));
    try {
      Counted joined = counted(() -> identityService.createMembership(clerk, Groups.PROCESSING_CENTRE));
      assertThat(joined.grantReads()).as("reads of the grants on the new member").isEqualTo(1);
      identityService.createMembership(clerk, Groups.COLLECTIONS);

      Counted left = counted(() -> identityService.deleteMembership(clerk, Groups.PROCESSING_CENTRE));
      assertThat(left.groupReads()).as("reads of groups: the member's own").isEqualTo(1);
      assertThat(left.grantReads()).as("reads of grants").isZero();
      assertThat(readable(clerk, "zy002-lead")).as("still in collections").isTrue();

      identityService.deleteMembership(clerk, Groups.COLLECTIONS);
      assertThat(readable(clerk, "zy002-lead")).isFalse();
    } finally {
      identityService.deleteUser(clerk);
    }
  }

  @Test
  void aLeaverOfOneOfTheBranchsGroupsStaysReadableWhileInAnother() {
    String clerk = "zy-two-" + Long.toString(System.nanoTime(), 36);
    assertThat(api.post("/engine-rest/user/create", "admin", """
        {"profile": {"id": "%s", "firstName": "韩雪", "lastName": "(受理)", "email": "%s@smeloan.example.com"},
         "credentials": {"password": "Clerk-2026-two"}}""".formatted(clerk, clerk)).status()).isEqualTo(204);
    try {
      identityService.createMembership(clerk, "ZY001-acceptance");
      identityService.createMembership(clerk, "ZY001-customer-managers");

      identityService.deleteMembership(clerk, "ZY001-acceptance");
      assertThat(readable(clerk, "zy001-acceptor")).isTrue();

      identityService.deleteMembership(clerk, "ZY001-customer-managers");
      assertThat(readable(clerk, "zy001-acceptor")).isFalse();
    } finally {
      identityService.deleteUser(clerk);
    }
  }

  /** Branch staff read the central groups their tasks name, and only those: the models name no other beside a branch's. */
  @Test
  void theModelsOfferBranchTasksWithNoCentralGroupButThoseBranchStaffRead() throws IOException {
    Pattern candidates = Pattern.compile("camunda:candidateGroups=\"([^\"]*\\$\\{branchCode}[^\"]*)\"");
    List<String> central = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        Matcher matcher = candidates.matcher(Files.readString(model));
        while (matcher.find()) {
          Arrays.stream(matcher.group(1).split(",")).map(String::trim).filter(group -> !group.startsWith("${branchCode}"))
              .forEach(central::add);
        }
      }
    }
    assertThat(central).isNotEmpty().allMatch(BranchStaffReads.CENTRAL_GROUPS_OF_BRANCH_TASKS::contains);
  }

  /**
   * Whoever the models give a branch's task to besides the branch's own groups is read by every branch: the central
   * candidate groups of every model but head office marketing's whitelist import, the approver groups the decision
   * tables and the approval authority name, and the committee whose members are assigned their votes.
   */
  @Test
  void theCentralGroupsBranchStaffReadTheMembersOfAreThoseTheModelsGiveBranchTasksTo() throws IOException {
    Pattern candidates = Pattern.compile("camunda:candidateGroups=\"([^\"]*)\"");
    Set<String> holders = new TreeSet<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        if (model.getFileName().toString().equals(WhitelistCampaignProcess.KEY + ".bpmn")) {
          continue;
        }
        Matcher matcher = candidates.matcher(Files.readString(model));
        while (matcher.find()) {
          Arrays.stream(matcher.group(1).split(",")).map(String::trim).filter(group -> !group.startsWith("${"))
              .forEach(holders::add);
        }
      }
    }
    Matcher outputs = Pattern.compile("<text>\"([a-z-]+)\"</text>")
        .matcher(Files.readString(Path.of("bpmn/disposal-approval-authority.dmn")));
    while (outputs.find()) {
      holders.add(outputs.group(1));
    }
    Arrays.stream(ApprovalAuthority.values()).map(ApprovalAuthority::group).filter(Objects::nonNull).forEach(holders::add);
    holders.add(Groups.CREDIT_COMMITTEE);

    assertThat(BranchStaffReads.HOLDERS_OF_BRANCH_TASKS).containsExactlyInAnyOrderElementsOf(holders);
  }

  private record Counted(long groupReads, long grantReads) {}

  /** The reads of groups and of grants that {@code step} runs, from H2's query statistics (reset before it). */
  private Counted counted(Runnable step) {
    jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    jdbc.sql("SET QUERY_STATISTICS TRUE").update();
    try {
      step.run();
      return new Counted(reads("ACT_ID_GROUP"), reads("ACT_RU_AUTHORIZATION"));
    } finally {
      jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    }
  }

  private long reads(String table) {
    return jdbc.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
            + " WHERE REGEXP_LIKE(SQL_STATEMENT, :select, 'in')")
        .param("select", "^\\s*select\\b.*\\bfrom\\s+" + table + "\\b").query(Long.class).single();
  }

  private boolean readable(String userId, String reader) {
    Response profile = api.get("/engine-rest/user/" + userId + "/profile", reader);
    assertThat(profile.status()).as(profile.toString()).isIn(200, 404);
    return profile.status() == 200 && count(api.get("/engine-rest/user/count?id=" + userId, reader)) == 1;
  }

  private static List<String> ids(Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode entry : answer.json()) {
      ids.add(entry.path("id").asText());
    }
    return ids;
  }

  private static long count(Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().path("count").asLong();
  }
}
