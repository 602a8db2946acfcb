package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.TEAM_LEAD;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Route COMMITTEE (DESIGN.md §3.1 step 5, above 5,000,000): one vote task per member of
 * credit-committee, done when a majority voted the same; a tie or the P3D deadline goes to a team
 * lead. Members vote in Tasklist: each completes the task assigned to them over the engine REST API.
 */
class CommitteeApprovalProcessTest extends AbstractIntegrationTest {

  private static final String FLOW_APPROVAL_ROUTE_COMMITTEE = "SequenceFlow_ApprovalRouteCommittee";
  private static final String FLOW_COMMITTEE_DECIDED = "SequenceFlow_CommitteeDecidedYes";
  private static final String FLOW_COMMITTEE_TIED = "SequenceFlow_CommitteeDecidedNo";
  private static final String FLOW_COMMITTEE_DEADLINE_PASSED = "SequenceFlow_CommitteeDeadlinePassed";

  private static final List<String> DEMO_COMMITTEE = List.of("committee1", "committee2", "committee3");
  /** A fourth member for the tie, created by the test and removed after it. */
  private static final String FOURTH_MEMBER = "committee4";

  @Autowired BeanFactory beans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void removeFourthMember() {
    if (identityService.createUserQuery().userId(FOURTH_MEMBER).count() > 0) {
      identityService.deleteUser(FOURTH_MEMBER);
    }
  }

  /** GROWTH of 6,000,000 at the ZY001 counter: accepted, verified, then before the committee. */
  private String beforeTheCommittee(TestApplications.Builder request) {
    String applicationId = flow.submitOverApi(request);
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_COMMITTEE_VOTE);
    return applicationId;
  }

  private TestApplications.Builder growthAboveTheUnitsAuthority() {
    return flow.strongAtBranch("GROWTH", "6000000.00");
  }

  @Test
  void majorityApprovesAndTheThirdMembersVoteIsNoLongerNeeded() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_APPROVAL_ROUTE_COMMITTEE);
    assertThat(voteTasks(applicationId)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(DEMO_COMMITTEE);

    vote("committee1", applicationId, CommitteeService.APPROVE);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote("committee2", applicationId, CommitteeService.APPROVE);

    assertThat(instance).hasPassed(TASK_TALLY_COMMITTEE_VOTES, TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE)
        .hasNotPassed(TASK_RESOLVE_COMMITTEE_DEADLOCK);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_COMMITTEE_DECIDED);
    assertThat(voteTasks(applicationId)).isEmpty();
    HistoricTaskInstance third = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_COMMITTEE_VOTE).taskAssignee("committee3").singleResult();
    assertThat(third.getDeleteReason()).as("committee3's vote task").isNotEqualTo("completed");
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  @Test
  void majorityRejectsAndTheApplicantIsToldWhy() {
    TestApplications.Builder request = growthAboveTheUnitsAuthority();
    String applicationId = beforeTheCommittee(request);
    ProcessInstance instance = flow.instance(applicationId);

    vote("committee1", applicationId, CommitteeService.REJECT);
    vote("committee3", applicationId, CommitteeService.REJECT);

    assertThat(instance).isEnded().hasPassed(TASK_TALLY_COMMITTEE_VOTES, END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_RESOLVE_COMMITTEE_DEADLOCK, TASK_RECORD_APPROVAL);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_COMMITTEE_DECIDED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement().satisfies(mail -> {
      assertThat(subjectOf(mail)).contains("未获批准");
      assertThat(bodyOf(mail)).contains("贷审会表决未通过").contains("反对 2 票");
    });
  }

  @Test
  void tiedCommitteeOfFourIsResolvedByATeamLead() {
    User fourth = identityService.newUser(FOURTH_MEMBER);
    fourth.setFirstName("委员");
    fourth.setLastName("钱");
    fourth.setPassword(DemoData.PASSWORD);
    identityService.saveUser(fourth);
    identityService.createMembership(FOURTH_MEMBER, Groups.CREDIT_COMMITTEE);
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(voteTasks(applicationId)).hasSize(4);

    vote("committee1", applicationId, CommitteeService.APPROVE);
    vote("committee2", applicationId, CommitteeService.REJECT);
    vote("committee3", applicationId, CommitteeService.APPROVE);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote(FOURTH_MEMBER, applicationId, CommitteeService.REJECT);

    assertThat(instance).hasPassed(TASK_TALLY_COMMITTEE_VOTES).isWaitingAt(TASK_RESOLVE_COMMITTEE_DEADLOCK);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_COMMITTEE_TIED);
    assertThat(flow.task(applicationId, TASK_RESOLVE_COMMITTEE_DEADLOCK)).hasCandidateGroup(Groups.TEAM_LEADS);

    flow.claimAndComplete(TEAM_LEAD, applicationId, TASK_RESOLVE_COMMITTEE_DEADLOCK,
        TaskForms.resolve(ApprovalService.APPROVE, "抵押物充足, 行业前景良好, 同意"));

    assertThat(instance).hasPassed(TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  @Test
  void committeeDeadlinePassesWithOneVoteAndATeamLeadDecides() {
    TestApplications.Builder request = growthAboveTheUnitsAuthority();
    String applicationId = beforeTheCommittee(request);
    ProcessInstance instance = flow.instance(applicationId);
    vote("committee2", applicationId, CommitteeService.APPROVE);

    moveClockBy(Duration.ofDays(3).plusMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_RESOLVE_COMMITTEE_DEADLOCK)
        .hasNotPassed(TASK_TALLY_COMMITTEE_VOTES);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(FLOW_COMMITTEE_DEADLINE_PASSED);
    assertThat(voteTasks(applicationId)).isEmpty();

    flow.claimAndComplete(TEAM_LEAD, applicationId, TASK_RESOLVE_COMMITTEE_DEADLOCK,
        TaskForms.resolve(ApprovalService.REJECT, "委员未在期限内表决, 经营数据存疑"));

    assertThat(instance).isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains("委员未在期限内表决, 经营数据存疑"));
  }

  private List<Task> voteTasks(String applicationId) {
    return taskService.createTaskQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_COMMITTEE_VOTE).list();
  }

  /** The member completes the vote task assigned to them in Tasklist (engine REST API, as the member). */
  private void vote(String member, String applicationId, String vote) {
    Task task = voteTasks(applicationId).stream().filter(t -> member.equals(t.getAssignee())).findFirst()
        .orElseThrow(() -> new AssertionError("no vote task of " + member));
    Response completed = flow.completeOverRest(member, task.getId(),
        TaskForms.vote(vote, CommitteeService.APPROVE.equals(vote) ? "同意" : "不同意"));
    assertThat(completed.status()).as("%s votes: %s", member, completed).isEqualTo(204);
    flow.executeDueJobs(applicationId);
  }
}
