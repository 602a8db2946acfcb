package com.smeloanflow.identity;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.accountability.ManagedLoans;
import com.smeloanflow.accountability.NonPerformingLoans;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.TestApplications;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Team queues: a team lead sees and reassigns their teams' tasks only (ZY001's lead, not ZY002's), bulk
 * over the API and task by task over the engine REST API alike; a process owner reassigns none; staff claim several
 * tasks of their posts.
 */
@ExtendWith(OutputCaptureExtension.class)
class TeamQueueApiTest extends AbstractIntegrationTest {

  private static final String ZY001_LEAD = "team-lead";
  private static final String ZY002_LEAD = "zy002-lead";
  @Autowired private ApplicationChecks checks;
  @Autowired private LoanAccountService loans;
  @Autowired private BusinessClock clock;

  /** 尽职免责认定 of a ZY001 loan that turned non-performing: its candidate group is ZY001's lead group itself. */
  private String dueDiligenceReviewOfZy001() {
    NonPerformingLoans nonPerforming = new NonPerformingLoans(processEngine, api, new ManagedLoans(intakeService, checks, loans),
        this::executeDueJobs);
    LoanAccount loan = nonPerforming.monitored("zy001-cm", "100000.00", clock.today().minusDays(20));
    assertThat(nonPerforming.listAsDishonestDebtor(loan).status()).isEqualTo(201);
    String task = taskService.createTaskQuery().processInstanceId(nonPerforming.review(loan).getId()).singleResult().getId();
    assertThat(taskService.getIdentityLinksForTask(task)).extracting(link -> link.getGroupId()).contains(Groups.leads("ZY001"));
    return task;
  }

  private String acceptanceTaskOf(String branch) {
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().branchCode(branch)).applicationId();
    return taskService.createTaskQuery().processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_ACCEPT_APPLICATION)
        .singleResult().getId();
  }

  private static String ids(String... taskIds) {
    return "[" + String.join(",", List.of(taskIds).stream().map(id -> "\"" + id + "\"").toList()) + "]";
  }

  private static List<String> results(Response answer) {
    List<String> results = new ArrayList<>();
    answer.json().path("results").forEach(result -> results.add(result.path("result").asText()));
    return results;
  }

  @Test
  void aBranchLeadSeesTheBranchsTasksAndNotAnotherBranchs() {
    String zy001Task = acceptanceTaskOf("ZY001");
    String zy002Task = acceptanceTaskOf("ZY002");

    assertThat(api.get("/engine-rest/task/" + zy001Task, ZY001_LEAD).status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/task/" + zy002Task, ZY001_LEAD).status()).as("not hers to see").isEqualTo(404);
    assertThat(api.get("/engine-rest/task/" + zy002Task, ZY002_LEAD).status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/task/" + zy001Task, ZY002_LEAD).status()).isEqualTo(404);
  }

  @Test
  void aLeadReassignsTheTeamsTasksInBulkOnlyToMembersOfTheTasksPost() {
    String first = acceptanceTaskOf("ZY001");
    String second = acceptanceTaskOf("ZY001");
    String otherBranch = acceptanceTaskOf("ZY002");

    Response toAcceptor = api.post("/api/tasks/reassignments", ZY001_LEAD,
        "{\"taskIds\": " + ids(first, second, otherBranch) + ", \"assignee\": \"zy001-acceptor\"}");

    assertThat(toAcceptor.status()).as(toAcceptor.body()).isEqualTo(200);
    assertThat(results(toAcceptor)).containsExactly("REASSIGNED", "REASSIGNED", "NOT_FOUND");
    assertThat(taskService.createTaskQuery().taskId(first).singleResult().getAssignee()).isEqualTo("zy001-acceptor");
    assertThat(taskService.createTaskQuery().taskId(otherBranch).singleResult().getAssignee()).isNull();

    Response toOtherBranch = api.post("/api/tasks/reassignments", ZY001_LEAD,
        "{\"taskIds\": " + ids(first) + ", \"assignee\": \"zy002-acceptor\"}");
    JsonNode refused = toOtherBranch.json().path("results").get(0);
    assertThat(refused.path("result").asText()).isEqualTo("REFUSED");
    assertThat(refused.path("reason").asText()).contains(Groups.acceptance("ZY001"), "zy002-acceptor")
        .as("Chinese, the English beside").endsWith("只能由 ZY001-acceptance 的成员办理, 不能分配给 zy002-acceptor (task " + first
            + " may be held only by a member of ZY001-acceptance, not by zy002-acceptor)");
    assertThat(taskService.createTaskQuery().taskId(first).singleResult().getAssignee()).isEqualTo("zy001-acceptor");
  }

  @Test
  void aReassignmentSentTwiceAtOnceHandsTheTaskOnAndAnswersBothWithoutAnErrorInTheLog(CapturedOutput log) throws Exception {
    for (int attempt = 0; attempt < 4; attempt++) {
      String task = acceptanceTaskOf("ZY001");
      taskService.claim(task, secondAcceptorOfZy001());

      List<Response> answers = Concurrently.run(2, () -> api.post("/api/tasks/reassignments", ZY001_LEAD,
          "{\"taskIds\": " + ids(task) + ", \"assignee\": \"zy001-acceptor\"}"));

      for (Response answer : answers) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(results(answer)).as("a double click on 改派: " + answer.body()).containsExactly("REASSIGNED");
      }
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("zy001-acceptor");
    }
    assertThat(log.getAll()).as("a double click is no failure of the engine").doesNotContain("ENGINE-16004", "ENGINE-03083");
  }

  @Test
  void onlyTeamLeadsReassignAndAnUnknownUserIsABadRequest() {
    String task = acceptanceTaskOf("ZY001");

    assertThat(api.post("/api/tasks/reassignments", "zy001-acceptor",
        "{\"taskIds\": " + ids(task) + ", \"assignee\": \"zy001-acceptor\"}").status()).isEqualTo(403);
    Response unknown = api.post("/api/tasks/reassignments", ZY001_LEAD, "{\"taskIds\": " + ids(task) + ", \"assignee\": \"nobody-here\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("errors").get(0).path("code").asText()).isEqualTo("UNKNOWN_USER");
  }

  @Test
  void staffClaimSeveralTasksOfTheirPostAndNotAnotherBranchsNorOnesTakenAlready() {
    String first = acceptanceTaskOf("ZY001");
    String second = acceptanceTaskOf("ZY001");
    String taken = acceptanceTaskOf("ZY001");
    String otherBranch = acceptanceTaskOf("ZY002");
    taskService.claim(taken, secondAcceptorOfZy001());

    Response answer = api.post("/api/tasks/claims", "zy001-acceptor", "{\"taskIds\": " + ids(first, second, taken, otherBranch) + "}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(results(answer)).containsExactly("CLAIMED", "CLAIMED", "REFUSED", "NOT_FOUND");
    assertThat(answer.json().path("results").get(3).path("reason").asText()).as("in Chinese, the English beside")
        .isEqualTo("待办 " + otherBranch + " 不存在或您无权查看 (task " + otherBranch + " does not exist or you may not see it)");
    assertThat(answer.json().path("results").get(2).path("reason").asText())
        .as("who has it (name and user id), in Chinese, the English beside: as the engine REST API tells it")
        .isEqualTo("待办“受理贷款申请”已由 受理员乙 (zy001-acceptor-b) 领取, 不能再领取, 请刷新待办列表 (Task '" + taken
            + "' is already claimed by zy001-acceptor-b)")
        .isEqualTo(api.post("/engine-rest/task/" + taken + "/claim", "zy001-acceptor", "{\"userId\":\"zy001-acceptor\"}")
            .json().path("message").asText());
    assertThat(answer.json().path("results").get(2).path("assignee").asText()).isEqualTo("zy001-acceptor-b");
    assertThat(taskService.createTaskQuery().taskId(second).singleResult().getAssignee()).isEqualTo("zy001-acceptor");
    assertThat(taskService.createTaskQuery().taskId(taken).singleResult().getAssignee()).isEqualTo(secondAcceptorOfZy001());
  }

  @Test
  void aTaskDeletedWithItsHistoryBetweenTheQueryAndTheClaimIsNotFoundAndTheOthersAreStillClaimed() {
    String deleted = acceptanceTaskOf("ZY001");
    String kept = acceptanceTaskOf("ZY001");
    String instance = taskService.createTaskQuery().taskId(deleted).singleResult().getProcessInstanceId();
    // An administrator deletes the application's instance and then its history while the claim is under way.
    TaskService deletingFirst = (TaskService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {TaskService.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("claim") && deleted.equals(arguments[0])) {
            Authentication claimer = identityService.getCurrentAuthentication();
            identityService.clearAuthentication();
            runtimeService.deleteProcessInstance(instance, "deleted by an administrator", true);
            historyService.deleteHistoricProcessInstance(instance);
            identityService.setAuthentication(claimer);
          }
          try {
            return method.invoke(taskService, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    TaskQueue queue = new TaskQueue(deletingFirst, identityService);

    List<TaskQueue.Outcome> outcomes = queue.claim(List.of(deleted, kept),
        new TaskQueue.Caller("zy001-acceptor", List.of(Groups.acceptance("ZY001"))));

    assertThat(outcomes).extracting(TaskQueue.Outcome::result)
        .containsExactly(TaskQueue.Result.NOT_FOUND, TaskQueue.Result.CLAIMED);
    assertThat(outcomes.get(0).reason()).isEqualTo("待办 " + deleted + " 不存在, 请刷新待办列表 (task " + deleted + " does not exist)");
    assertThat(taskService.createTaskQuery().taskId(kept).singleResult().getAssignee()).isEqualTo("zy001-acceptor");
  }

  @Test
  void aMalformedListClaimsNothing() {
    String task = acceptanceTaskOf("ZY001");

    Response answer = api.post("/api/tasks/claims", "zy001-acceptor", "{\"taskIds\": [\"" + task + "\", \"bad id\"]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("taskIds[1]");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
  }

  /** A hand-on ({@code assignee}) or delegation ({@code delegate}) of a task to a user over the engine REST API. */
  private Response hand(String task, String action, String by, String to) {
    return api.post("/engine-rest/task/" + task + "/" + action, by, "{\"userId\": \"" + to + "\"}");
  }

  private String assigneeOf(String task) {
    return taskService.createTaskQuery().taskId(task).singleResult().getAssignee();
  }

  /**
   * Reassigning is a team lead's role. A process owner holds every right on every process definition (to deploy, migrate
   * and read in Cockpit), which Camunda takes as a right to assign every task too: over the engine REST API (and so in
   * Tasklist) the owner could hand a branch's task nobody holds to any clerk of its post. Refused; the owner still reads
   * the task and moves its due date, and the branch's lead hands it on.
   */
  @Test
  void aProcessOwnerCannotHandATaskNobodyHoldsToAClerkOfItsPost() {
    String task = acceptanceTaskOf("ZY001");

    Response handed = hand(task, "assignee", "process-owner", "zy001-acceptor");

    assertThat(handed.status()).as(handed.toString()).isEqualTo(403);
    assertThat(handed.json().path("message").asText()).isEqualTo("待办“受理贷款申请”只能由其团队主管改派, process-owner 不能改派给"
        + " zy001-acceptor (task " + task + " may be reassigned only by a lead of its team; process-owner may not assign it"
        + " to zy001-acceptor)");
    assertThat(assigneeOf(task)).isNull();
    assertThat(api.get("/engine-rest/task/" + task, "process-owner").status()).as("reads it").isEqualTo(200);
    assertThat(moveDueDate("process-owner", task, Instant.now().plus(Duration.ofDays(3))).status())
        .as("moves its due date").isEqualTo(204);
    Response byLead = hand(task, "assignee", ZY001_LEAD, "zy001-acceptor");
    assertThat(byLead.status()).as(byLead.toString()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo("zy001-acceptor");
  }

  /** Nor hand on, delegate or take back a task a clerk holds: the clerk keeps it. */
  @Test
  void aProcessOwnerCannotHandOnDelegateOrTakeBackATaskAClerkHolds() {
    String task = acceptanceTaskOf("ZY001");
    taskService.claim(task, "zy001-acceptor");
    String colleague = secondAcceptorOfZy001();

    Response handedOn = hand(task, "assignee", "process-owner", colleague);
    Response delegated = hand(task, "delegate", "process-owner", colleague);
    Response takenBack = api.post("/engine-rest/task/" + task + "/unclaim", "process-owner", null);

    for (Response refused : List.of(handedOn, delegated)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).isEqualTo("待办“受理贷款申请”只能由其团队主管改派, process-owner"
          + " 不能改派给 " + colleague + " (task " + task + " may be reassigned only by a lead of its team; process-owner may"
          + " not assign it to " + colleague + ")");
    }
    assertThat(takenBack.status()).as(takenBack.toString()).isEqualTo(403);
    assertThat(takenBack.json().path("message").asText()).isEqualTo("待办“受理贷款申请”只能由其团队主管改派, process-owner"
        + " 不能取消 zy001-acceptor 的领取 (task " + task + " may be reassigned only by a lead of its team; process-owner may"
        + " not take it from zy001-acceptor)");
    assertThat(assigneeOf(task)).isEqualTo("zy001-acceptor");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getOwner()).as("not delegated").isNull();
  }

  /**
   * 尽职免责认定 and 督办逾期贷款 are offered to the branch's lead group itself, so no team leads it: its leads are peers.
   * One hands such a task nobody holds to another lead of the branch, and takes back one a peer holds (who went on
   * leave), without an administrator; only to a lead of the branch.
   */
  @Test
  void aBranchLeadHandsALeadGroupTaskToAPeerAndTakesItBackFromThem() {
    String task = dueDiligenceReviewOfZy001();
    String peer = secondLeadOfZy001();

    Response handed = hand(task, "assignee", ZY001_LEAD, peer);
    assertThat(handed.status()).as(handed.toString()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo(peer);

    Response takenBack = api.post("/engine-rest/task/" + task + "/unclaim", ZY001_LEAD, null);
    assertThat(takenBack.status()).as(takenBack.toString()).isEqualTo(204);
    assertThat(assigneeOf(task)).isNull();

    Response toOfficer = hand(task, "assignee", ZY001_LEAD, "zy001-cm");
    assertThat(toOfficer.status()).as(toOfficer.toString()).isEqualTo(403);
    assertThat(toOfficer.json().path("message").asText()).isEqualTo("任务“尽职免责认定”只能由 ZY001-leads 的成员办理, 不能分配给"
        + " zy001-cm (task " + task + " may be held only by a member of ZY001-leads, not by zy001-cm)");
    assertThat(assigneeOf(task)).isNull();
  }

  /** Another branch's lead, a process owner and an officer of the branch do not reassign a lead-group task. */
  @Test
  void onlyTheBranchsLeadsReassignALeadGroupTask() {
    String task = dueDiligenceReviewOfZy001();
    String peer = secondLeadOfZy001();
    taskService.claim(task, peer);

    Response byProcessOwner = hand(task, "assignee", "process-owner", ZY001_LEAD);
    assertThat(byProcessOwner.status()).as(byProcessOwner.toString()).isEqualTo(403);
    assertThat(byProcessOwner.json().path("message").asText()).isEqualTo("待办“尽职免责认定”只能由其团队主管改派, process-owner"
        + " 不能改派给 team-lead (task " + task + " may be reassigned only by a lead of its team; process-owner may not assign"
        + " it to team-lead)");
    for (String other : List.of(ZY002_LEAD, "zy001-cm")) {
      Response refused = hand(task, "assignee", other, ZY001_LEAD);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).as("the engine's own check: no right on the task at all")
          .startsWith("用户 " + other + " 无权执行此操作").contains("他人的待办请由组长改派");
    }
    assertThat(assigneeOf(task)).isEqualTo(peer);
  }

  /**
   * Camunda lets whoever may assign a task by its process definition set its owner too ({@code PUT /task/{id}}), and
   * grants the new owner READ and "work the task" on it: a process owner could so show a branch's task to anyone, as
   * good as a hand-on. Refused as a reassignment is; a lead of the task's team sets it, and the application too.
   */
  @Test
  void aProcessOwnerCannotMakeSomeoneTheOwnerOfATask() {
    String task = acceptanceTaskOf("ZY001");

    Response owned = updateTask("process-owner", task, update -> update.put("owner", "zy002-acceptor"));

    assertThat(owned.status()).as(owned.toString()).isEqualTo(403);
    assertThat(owned.json().path("message").asText()).isEqualTo("待办“受理贷款申请”只能由其团队主管改派, process-owner 不能把所有者改为"
        + " zy002-acceptor (task " + task + " may be reassigned only by a lead of its team; process-owner may not make"
        + " zy002-acceptor its owner)");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getOwner()).isNull();
    assertThat(api.get("/engine-rest/task/" + task, "zy002-acceptor").status()).as("another branch's clerk still does not see it")
        .isEqualTo(404);
    identityService.setAuthentication("process-owner", List.of(Groups.PROCESS_OWNERS));
    try {
      assertThatThrownBy(() -> taskService.setOwner(task, "process-owner"))
          .as("over the Java API alike").isInstanceOf(AuthorizationException.class).hasMessageContaining("不能把所有者改为 process-owner");
    } finally {
      identityService.clearAuthentication();
    }

    Response byLead = updateTask(ZY001_LEAD, task, update -> update.put("owner", "zy001-acceptor"));
    assertThat(byLead.status()).as(byLead.toString()).isEqualTo(204);
    taskService.setOwner(task, secondAcceptorOfZy001());
    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getOwner()).as("the application's own call")
        .isEqualTo(secondAcceptorOfZy001());
  }

  @Test
  void teamsFollowFromCandidateGroups() {
    assertThat(Teams.teamIdOfGroup("ZY001-acceptance")).contains("ZY001");
    assertThat(Teams.teamIdOfGroup("ZY001-customer-managers")).contains("ZY001");
    assertThat(Teams.teamIdOfGroup("credit-committee")).contains("approval");
    assertThat(Teams.teamIdOfGroup("processing-centre")).contains("processing-centre");
    assertThat(Teams.teamIdOfGroup("ZY001-leads")).as("no team works in a lead group: its tasks are its leads' own").isEmpty();
    assertThat(Teams.teamIdOfGroup("team-leads")).isEmpty();
    assertThat(Teams.teamIdOfLeadGroup("approval-leads")).contains("approval");
    assertThat(Teams.teamIdOfLeadGroup("ZY002-leads")).contains("ZY002");
  }
}
