package com.smeloanflow.approval;

import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.approval.LoanFlow.TEAM_LEAD;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static com.smeloanflow.process.LoanOriginationProcess.Flows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.rollout.ModelRollout;
import com.smeloanflow.platform.rollout.RolloutReport;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.processing.ProcessingOutcomes;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.TestApplications;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Route COMMITTEE (DESIGN.md §3.1 step 5, a borrower's exposure above 5,000,000): one vote task per
 * member of credit-committee (approve, approve with conditions, return, reject); a majority to reject or
 * to return decides; a majority to approve goes to the chair, who signs the resolution (with the
 * conditions proposed) or vetoes it; a tie or the deadline (when the vote tasks are due) goes to the chair's casting vote. Never to
 * a team lead. Members vote in Tasklist: each completes the task assigned to them over the engine REST API.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommitteeApprovalProcessTest extends AbstractIntegrationTest {

  private static final String CHAIR = "committee-chair";

  private static final List<String> DEMO_COMMITTEE = List.of("committee1", "committee2", "committee3");
  /** A fourth member for the tie, created by the test and removed after it. */
  private static final String FOURTH_MEMBER = "committee4";

  @Autowired BeanFactory beans;
  @Autowired CommitteeService committee;

  LoanFlow flow;

  @LocalServerPort int port;
  @TempDir Path workingCopy;
  private final String deploymentName = "committee-rollout-test-" + UUID.randomUUID();

  @AfterEach
  void undeployTheTestVersion() {
    repositoryService.createDeploymentQuery().deploymentName(deploymentName).list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void removeFourthMember() {
    if (identityService.createUserQuery().userId(FOURTH_MEMBER).count() > 0) {
      identityService.deleteUser(FOURTH_MEMBER);
    }
    for (String user : List.of(LoanFlow.ACCEPTOR, LoanFlow.REMOTE_VERIFIER)) {
      identityService.deleteMembership(user, Groups.CREDIT_COMMITTEE);
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
  void majorityApprovesAndTheChairSignsTheResolution() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_ROUTE_COMMITTEE);
    assertThat(voteTasks(applicationId)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(DEMO_COMMITTEE);

    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);

    assertThat(instance).hasPassed(TASK_TALLY_COMMITTEE_VOTES).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION)
        .hasNotPassed(TASK_RECORD_APPROVAL);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(COMMITTEE_NEEDS_CHAIR);
    assertThat(voteTasks(applicationId)).isEmpty();
    HistoricTaskInstance third = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_COMMITTEE_VOTE).taskAssignee("committee3").singleResult();
    assertThat(third.getDeleteReason()).as("committee3's vote task").isNotEqualTo("completed");
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(resolution).hasCandidateGroup(Groups.CREDIT_COMMITTEE_CHAIR);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeTallyText")).contains("同意 2 票");

    flow.claimAndComplete(CHAIR, applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION, TaskForms.approve("贷审会多数同意, 签发决议"));

    assertThat(instance).hasPassed(TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    ApprovalDecisions.Approval approval = flow.bean(ApprovalDecisions.class).find(applicationId).orElseThrow();
    assertThat(approval.authority()).isEqualTo(ApprovalAuthority.COMMITTEE);
    assertThat(approval.decidedBy()).isEqualTo(CHAIR);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  /**
   * The committee's votes and what is asked of the chair (committeeAskText, committeeVotesText, committeeTallyText) are
   * on the chair's task alone: the acceptance, the verification and each member's vote task carry none of them.
   */
  @Test
  void onlyTheChairsTaskCarriesTheCommitteesVotesAndWhatIsAskedOfTheChair() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    List<String> chairsValues = List.of("committeeAskText", "committeeVotesText", "committeeTallyText");
    for (Task voteTask : voteTasks(applicationId)) {
      assertThat(taskService.getVariablesLocal(voteTask.getId())).as("%s's vote task", voteTask.getAssignee())
          .doesNotContainKeys(chairsValues.toArray(String[]::new)).containsKey("verificationHistoryText");
    }
    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);

    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(taskService.getVariablesLocal(resolution.getId())).as("the chair's task")
        .containsKeys(chairsValues.toArray(String[]::new));
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeAskText")).contains("请签发决议");
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeTallyText"))
        .contains("同意 2 票").contains("委员 3 人");
    for (String name : chairsValues) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
          .list()).as("tasks of the application that carried %s", name)
          .extracting(org.camunda.bpm.engine.history.HistoricVariableInstance::getTaskId).containsExactly(resolution.getId());
    }
  }

  @Test
  void membersProposeConditionsAndTheChairApprovesWithThem() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);

    voteWithConditions("committee1", applicationId, new BigDecimal("5000000.00"), "金额降至500万元, 按季付息");
    vote("committee3", applicationId, ApprovalOutcome.APPROVE);
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeVotesText"))
        .contains("committee1: 附条件同意, 建议金额 5000000.00 元, 条件: 金额降至500万元, 按季付息");

    flow.claimAndComplete(CHAIR, applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION,
        TaskForms.approveWithLowerAmount(new BigDecimal("5000000.00"), "采纳委员意见: 金额降至500万元"));

    assertThat(instance).hasPassed(RULE_REPRICE_LOAN, TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(APPROVAL_DECISION_CONDITIONS);
    assertThat(flow.bean(ApprovalDecisions.class).find(applicationId).orElseThrow().approvedAmount())
        .isEqualByComparingTo("5000000.00");
  }

  /**
   * After a majority approved, the chair signs what the members voted for or vetoes it: the 6,000,000 applied for, or
   * 5,500,000, which no member approved, is refused (400, the chair's task stays open, nothing approved); an amount a
   * member's vote approved is signed.
   */
  @Test
  void theChairSigningAMajoritysApprovalApprovesNoMoreThanAMembersVoteApproved() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    voteWithConditions("committee1", applicationId, new BigDecimal("5000000.00"), "金额降至500万元");
    voteWithConditions("committee2", applicationId, new BigDecimal("4800000.00"), "金额降至480万元");
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(flow.claimOverRest(CHAIR, resolution.getId()).status()).isEqualTo(204);

    for (java.util.Map<String, Object> form : List.of(TaskForms.approve("签发决议"),
        TaskForms.approveWithLowerAmount(new BigDecimal("5500000.00"), "金额降至550万元"))) {
      Response refused = flow.completeOverRest(CHAIR, resolution.getId(), form);

      assertThat(refused.status()).as("%s: %s", form, refused).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(form.toString())
          .contains("贷审会多数同意, 委员表决同意的批准金额最高为 5000000.00 元, 决议批准金额不能高于该金额: 请采纳委员的表决附条件批准"
              + "不高于 5000000.00 元的金额, 或否决、退回补充信息 (")
          .contains("approvedAmount above every member's vote to approve: adopt one, at most 5000000.00 with"
              + " APPROVE_WITH_CONDITIONS, or REJECT or RETURN)");
    }
    assertThat(flow.bean(ApprovalDecisions.class).find(applicationId)).isEmpty();
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);

    assertThat(flow.completeOverRest(CHAIR, resolution.getId(), TaskForms.approveWithLowerAmount(new BigDecimal("5000000.00"),
        "采纳委员意见: 金额降至500万元")).status()).isEqualTo(204);
    flow.executeDueJobs(applicationId);
    assertThat(flow.bean(ApprovalDecisions.class).find(applicationId).orElseThrow().approvedAmount())
        .isEqualByComparingTo("5000000.00");
  }

  /**
   * Members' votes to approve that propose the 6,000,000 applied for approve that amount: the chair's 同意 (the amount
   * applied for, none entered) adopts them and is signed, as a conditional approval at that amount, which lowers
   * nothing and adds no guarantor, may not be (ApprovalService).
   */
  @Test
  void theChairSignsAMajoritysApprovalOfTheAmountAppliedForWithoutEnteringIt() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    voteWithConditions("committee1", applicationId, new BigDecimal("6000000.00"), "按季付息");
    voteWithConditions("committee2", applicationId, new BigDecimal("6000000.00"), "按月付息");
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(flow.claimOverRest(CHAIR, resolution.getId()).status()).isEqualTo(204);

    Response signed = flow.completeOverRest(CHAIR, resolution.getId(), TaskForms.approve("签发决议"));

    assertThat(signed.status()).as(signed.body()).isEqualTo(204);
    flow.executeDueJobs(applicationId);
    assertThat(flow.bean(ApprovalDecisions.class).find(applicationId).orElseThrow().approvedAmount())
        .isEqualByComparingTo("6000000.00");
  }

  /**
   * A member's proposed amount keeps the limits of the amount the chair approves (ApprovalService): above the 6,000,000
   * applied for, so also above GROWTH's maximum of 10,000,000, or below GROWTH's minimum of 500,000 is refused over the
   * engine REST API, as in Tasklist, in Chinese with the English beside; zero and negative amounts as before. Nothing is
   * recorded and the member's vote stays open.
   */
  @Test
  void aMemberProposingAnAmountTheChairCouldNotApproveIsRefusedInChineseWithTheEnglishBeside() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    Task committee1sVote = voteTasks(applicationId).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst()
        .orElseThrow();
    // the amount, and the refusal: the Chinese, then the English beside it (the engine REST API puts the task before it)
    java.util.Map<String, List<String>> refusals = new java.util.LinkedHashMap<>();
    refusals.put("6000000.01", List.of("建议批准金额不能高于申请金额 6000000.00 元 (", "proposedAmount too high)"));
    refusals.put("10000000.01", List.of("建议批准金额不能高于申请金额 6000000.00 元 (", "proposedAmount too high)"));
    refusals.put("100.00", List.of("成长贷建议批准金额不能低于 500000 元 (", "proposedAmount below the product minimum)"));
    refusals.put("0.00", List.of("建议批准金额须大于0且最多两位小数 (", "proposedAmount=0"));
    refusals.put("-1.00", List.of("建议批准金额须大于0且最多两位小数 (", "proposedAmount=-1"));

    refusals.forEach((amount, refusal) -> {
      Response refused = flow.completeOverRest("committee1", committee1sVote.getId(),
          TaskForms.voteWithConditions(new BigDecimal(amount), "按季付息", "附条件同意的理由"));
      assertThat(refused.status()).as("%s: %s", amount, refused).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(amount).contains(refusal.get(0)).contains(refusal.get(1));
    });

    assertThat(committee.votes(applicationId)).isEmpty();
    assertThat(voteTasks(applicationId)).extracting(Task::getId).contains(committee1sVote.getId());
    voteWithConditions("committee1", applicationId, new BigDecimal("6000000.00"), "按季付息");
    assertThat(committee.votes(applicationId)).singleElement()
        .satisfies(vote -> assertThat(vote.proposedAmount()).isEqualByComparingTo("6000000.00"));
  }

  /**
   * Above a mortgage's collateral cap each role is told what that role can do: a member, who votes, to propose at most the
   * cap or to vote against or to return; the chair, who concludes, to approve a lower amount with conditions. The
   * member's vote stays open and nothing is recorded until the amount is within the cap.
   */
  @Test
  void aMemberProposingAboveTheCollateralCapIsToldWhatAMemberCanDoAndTheChairWhatTheChairCanDo() {
    String applicationId = beforeTheCommittee(mortgageAboveItsCollateralCap());
    assertThat(flow.bean(ProcessingOutcomes.class).find(applicationId).orElseThrow().collateralCap())
        .isEqualByComparingTo("5000000.00");
    Task committee1sVote = voteTasks(applicationId).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst()
        .orElseThrow();

    Response refused = flow.completeOverRest("committee1", committee1sVote.getId(),
        TaskForms.voteWithConditions(new BigDecimal("5000000.01"), "按季付息", "附条件同意的理由"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText())
        .contains("建议批准金额超过抵押物可贷上限 5000000.00 元 (评估价值 × 抵押率 50%), 请建议不高于 5000000.00 元的批准金额,"
            + " 或表决“不同意”或“退回补充信息” (")
        .contains("proposedAmount above the collateral cap: propose at most 5000000.00, or vote REJECT or RETURN)")
        .doesNotContain("请附条件降低金额");
    assertThat(committee.votes(applicationId)).isEmpty();
    assertThat(voteTasks(applicationId)).extracting(Task::getId).contains(committee1sVote.getId());

    voteWithConditions("committee1", applicationId, new BigDecimal("5000000.00"), "金额降至500万元");
    voteWithConditions("committee2", applicationId, new BigDecimal("4800000.00"), "金额降至480万元");
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(flow.claimOverRest(CHAIR, resolution.getId()).status()).isEqualTo(204);
    Response chairRefused = flow.completeOverRest(CHAIR, resolution.getId(), TaskForms.approve("签发决议"));
    assertThat(chairRefused.status()).as(chairRefused.body()).isEqualTo(400);
    assertThat(chairRefused.json().path("message").asText())
        .contains("批准金额超过抵押物可贷上限 5000000.00 元 (评估价值 × 抵押率 50%), 请附条件降低金额 (")
        .contains("approvedAmount above the collateral cap)");
    assertThat(flow.completeOverRest(CHAIR, resolution.getId(), TaskForms.approveWithLowerAmount(new BigDecimal("5000000.00"),
        "采纳委员意见: 金额降至500万元")).status()).isEqualTo(204);
    flow.executeDueJobs(applicationId);
    assertThat(flow.bean(ApprovalDecisions.class).find(applicationId).orElseThrow().approvedAmount())
        .isEqualByComparingTo("5000000.00");
  }

  /**
   * A member's 同意, and a 附条件同意 that keeps the amount, approve the amount applied for: above a mortgage's collateral
   * cap the chair could not adopt it, so the vote is refused with what the member can do, as a proposed amount above it.
   */
  @Test
  void aMemberApprovingTheAmountAppliedForAboveTheCollateralCapIsToldToProposeAtMostTheCap() {
    String applicationId = beforeTheCommittee(mortgageAboveItsCollateralCap());
    Task committee1sVote = voteTasks(applicationId).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst()
        .orElseThrow();

    for (java.util.Map<String, Object> form : List.of(TaskForms.vote(ApprovalOutcome.APPROVE, "同意的理由"),
        TaskForms.voteWithConditions(null, "追加法定代表人个人连带责任保证", "附条件同意的理由"))) {
      Response refused = flow.completeOverRest("committee1", committee1sVote.getId(), form);

      assertThat(refused.status()).as("%s: %s", form, refused).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(form.toString())
          .contains("申请金额 6000000.00 元超过抵押物可贷上限 5000000.00 元 (评估价值 × 抵押率 50%), 请选择“附条件同意”"
              + "并建议不高于 5000000.00 元的批准金额, 或表决“不同意”或“退回补充信息” (")
          .contains("committeeVote: the amount applied for is above the collateral cap: propose at most 5000000.00 with"
              + " APPROVE_WITH_CONDITIONS, or vote REJECT or RETURN)");
    }

    assertThat(committee.votes(applicationId)).isEmpty();
    assertThat(voteTasks(applicationId)).extracting(Task::getId).contains(committee1sVote.getId());
    vote("committee1", applicationId, ApprovalOutcome.REJECT);
    assertThat(committee.votes(applicationId)).extracting(CommitteeService.StoredVote::vote).containsExactly(ApprovalOutcome.REJECT);
  }

  /**
   * MORTGAGE_QUICK of 6,000,000 (above the unit's authority) on an industrial property appraised at 10,000,000, of which
   * 50 % may be lent (collateral-ltv): a collateral cap of 5,000,000, below the amount applied for.
   */
  private TestApplications.Builder mortgageAboveItsCollateralCap() {
    return flow.strongAtBranch("MORTGAGE_QUICK", "6000000.00").collateralAppraisedValue("10000000.00");
  }

  @Test
  void longVotesLeaveTheChairsTaskCreatedShowingEveryMembersVote() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);

    castVote("committee1", applicationId, TaskForms.voteWithConditions(new BigDecimal("5000000.00"),
        "甲".repeat(1000), "乙".repeat(1000)));
    castVote("committee3", applicationId, TaskForms.voteWithConditions(new BigDecimal("4500000.00"),
        "丙".repeat(1000), "丁".repeat(1000)));

    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    String votes = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION).getId(),
        "committeeVotesText");
    assertThat(votes).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
        .contains("committee1: 附条件同意, 建议金额 5000000.00 元, 条件: 甲", "committee3: 附条件同意, 建议金额 4500000.00 元, 条件: 丙")
        .contains(FormText.CUT);
  }

  @Test
  void longVerificationNotesLeaveTheChairsTaskCreatedShowingTheNewestOnes() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ApplicationChecks checks = flow.bean(ApplicationChecks.class);
    for (int attempt = 1; attempt <= 3; attempt++) {
      checks.record(applicationId, CheckType.FIELD_INVESTIGATION, attempt, "CONFIRMED", "manager-zy",
          null, "第" + attempt + "次实地调查: " + "经营正常".repeat(400));
    }

    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);

    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    String history = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION).getId(),
        "verificationHistoryText");
    assertThat(history).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).contains("第3次实地调查").contains("条核实记录未显示");
  }

  @Test
  void majorityRejectsAndTheApplicantIsNeverToldTheVotes() {
    TestApplications.Builder request = growthAboveTheUnitsAuthority();
    String applicationId = beforeTheCommittee(request);
    ProcessInstance instance = flow.instance(applicationId);

    vote("committee1", applicationId, ApprovalOutcome.REJECT);
    vote("committee3", applicationId, ApprovalOutcome.REJECT);

    assertThat(instance).isEnded().hasPassed(TASK_TALLY_COMMITTEE_VOTES, END_APPROVAL_DECLINED, END_APPLICATION_REJECTED)
        .hasNotPassed(TASK_DECIDE_COMMITTEE_RESOLUTION, TASK_RECORD_APPROVAL);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(COMMITTEE_RESOLVED_BY_VOTE, APPROVAL_DECISION_REJECT);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement().satisfies(mail -> {
      assertThat(subjectOf(mail)).contains("未获批准");
      assertThat(bodyOf(mail)).contains(CustomerReason.OVERALL_ASSESSMENT.text()).doesNotContain("票").doesNotContain("贷审会");
    });
    assertThat(flow.bean(DeclineService.class).find(applicationId).orElseThrow().internalReason())
        .as("staff keep the vote").contains("反对 2 票");

    assertThat(historyAs(CENTRE_PROCESSOR, applicationId)).as("staff read each member's vote and comment")
        .anySatisfy(entry -> {
          assertThat(entry.path("actor").asText()).isEqualTo("committee1");
          assertThat(entry.path("what").asText()).isEqualTo("COMMITTEE_VOTE_REJECT");
          assertThat(entry.path("detail").asText()).isEqualTo(ApprovalOutcome.REJECT.label() + "的理由");
        });
    List<JsonNode> told = historyAs(CHANNEL, applicationId);
    assertThat(told.get(told.size() - 1).path("label").asText()).isEqualTo(ApplicationStatus.REJECTED.label());
    assertThat(told.get(told.size() - 1).path("detail").asText()).isEqualTo(CustomerReason.OVERALL_ASSESSMENT.text());
    assertThat(told.toString()).as("the channel's history never shows the votes, the comments or the members")
        .doesNotContain("的理由", "票", "贷审会", "COMMITTEE", "committee1", "committee3", "actor");
  }

  @Test
  void majorityReturnsForInformationAndTheCommitteeVotesAgainAfterTheAnswer() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);

    vote("committee1", applicationId, ApprovalOutcome.RETURN);
    vote("committee2", applicationId, ApprovalOutcome.RETURN);

    assertThat(instance).isWaitingAt(TASK_PROVIDE_INFORMATION);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(COMMITTEE_RESOLVED_BY_VOTE, APPROVAL_DECISION_RETURN);
    Task answer = flow.task(applicationId, TASK_PROVIDE_INFORMATION);
    assertThat((String) taskService.getVariableLocal(answer.getId(), "returnQuestionText")).contains("committee1");
    flow.claimAndComplete(CENTRE_PROCESSOR, applicationId, TASK_PROVIDE_INFORMATION,
        TaskForms.informationAnswer("已补充保证人资产证明"));

    assertThat(instance).as("a new round of votes").isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(voteTasks(applicationId)).hasSize(3);
    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /**
   * A committee of seven: four members return the application, each with a question of the 1,000 characters a vote
   * allows. The processing centre is asked every member's question, the longest shortened, instead of the tally failing
   * (every question in full passed the 4,000 characters the resolution's record and the form value hold).
   */
  @Test
  void fourOfSevenMembersReturningWithLongQuestionsSendTheApplicationBackWithEveryQuestion() {
    List<String> added = List.of(FOURTH_MEMBER, "committee5", "committee6", "committee7");
    for (String member : added) {
      newStaff(member, "委员", member, Groups.CREDIT_COMMITTEE);
    }
    try {
      String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
      assertThat(voteTasks(applicationId)).hasSize(7);
      List<String> returning = List.of("committee1", "committee2", "committee3", FOURTH_MEMBER);
      for (int i = 0; i < returning.size(); i++) {
        castVote(returning.get(i), applicationId, TaskForms.vote(ApprovalOutcome.RETURN, String.valueOf("甲乙丙丁".charAt(i)).repeat(1000)));
      }

      assertThat(flow.instance(applicationId)).isWaitingAt(TASK_PROVIDE_INFORMATION);
      String questions = (String) taskService.getVariableLocal(flow.task(applicationId, TASK_PROVIDE_INFORMATION).getId(),
          "returnQuestionText");
      assertThat(questions).hasSizeLessThan(4000)
          .contains("committee1: 甲甲", "; committee2: 乙乙", "; committee3: 丙丙", "; " + FOURTH_MEMBER + ": 丁丁")
          .contains(FormText.CUT).endsWith("(" + Groups.CREDIT_COMMITTEE + ")");
    } finally {
      added.forEach(identityService::deleteUser);
    }
  }

  /** After a return for information the committee votes again: the chair sees that round's votes and tally only. */
  @Test
  void theChairSeesOnlyTheVotesOfTheRoundAfterTheAnswer() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    castVote("committee1", applicationId, TaskForms.vote(ApprovalOutcome.RETURN, "第一轮: 请补充保证人资产证明"));
    castVote("committee2", applicationId, TaskForms.vote(ApprovalOutcome.RETURN, "第一轮: 请说明近三个月现金流"));
    flow.claimAndComplete(CENTRE_PROCESSOR, applicationId, TASK_PROVIDE_INFORMATION,
        TaskForms.informationAnswer("已补充保证人资产证明和现金流说明"));

    castVote("committee2", applicationId, TaskForms.vote(ApprovalOutcome.APPROVE, "第二轮: 资料已补充, 同意"));
    castVote("committee3", applicationId, TaskForms.vote(ApprovalOutcome.APPROVE, "第二轮: 现金流可覆盖, 同意"));

    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeVotesText"))
        .contains("committee2: 同意 — 第二轮: 资料已补充, 同意", "committee3: 同意 — 第二轮: 现金流可覆盖, 同意")
        .doesNotContain("第一轮").doesNotContain("committee1");
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeTallyText"))
        .isEqualTo("同意 2 票(其中附条件 0 票), 退回 0 票, 反对 0 票, 委员 3 人");
  }

  @Test
  void tiedCommitteeOfFourIsDecidedByTheChairsCastingVote() {
    newStaff(FOURTH_MEMBER, "委员", "钱", Groups.CREDIT_COMMITTEE);
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(voteTasks(applicationId)).hasSize(4);

    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.REJECT);
    vote("committee3", applicationId, ApprovalOutcome.APPROVE);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote(FOURTH_MEMBER, applicationId, ApprovalOutcome.REJECT);

    assertThat(instance).hasPassed(TASK_TALLY_COMMITTEE_VOTES).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(runtimeService.getVariable(instance.getId(), "committeeOutcome")).isEqualTo("UNDECIDED");
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(flow.claimOverRest(TEAM_LEAD, resolution.getId()).status()).as("a team lead never decides above the unit's authority")
        .isEqualTo(403);

    flow.claimAndComplete(CHAIR, applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION,
        TaskForms.approve("抵押物充足, 行业前景良好, 主任委员决定同意"));

    assertThat(instance).hasPassed(TASK_RECORD_APPROVAL).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  /** 审贷分离: a committee member who accepted or verified the application gets no vote, and the majority counts without them. */
  @Test
  void membersWhoAcceptedOrVerifiedTheApplicationHaveNoVote() {
    identityService.createMembership(LoanFlow.ACCEPTOR, Groups.CREDIT_COMMITTEE);
    identityService.createMembership(LoanFlow.REMOTE_VERIFIER, Groups.CREDIT_COMMITTEE);
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);

    assertThat(voteTasks(applicationId)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(DEMO_COMMITTEE);
    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);
    assertThat(instance).as("two of three eligible members are a majority").isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /**
   * The verifier is the only member of the committee, so their own verification leaves nobody to vote: they are told
   * so in Chinese and their task stays open, the administrators find the gap at ERROR; not a 500 naming an
   * IllegalStateException.
   */
  @Test
  void aVerificationThatLeavesNoMemberToVoteIsRefusedWithWhatToDoAndTheTaskStaysOpen(CapturedOutput log) {
    DEMO_COMMITTEE.forEach(member -> identityService.deleteMembership(member, Groups.CREDIT_COMMITTEE));
    identityService.createMembership(LoanFlow.REMOTE_VERIFIER, Groups.CREDIT_COMMITTEE);
    try {
      String applicationId = flow.submitOverApi(growthAboveTheUnitsAuthority());
      flow.acceptAtBranch(applicationId);
      Task verification = flow.task(applicationId, TASK_VERIFY_REMOTELY);

      Response answer = flow.completeOverRest(LoanFlow.REMOTE_VERIFIER, verification.getId(), TaskForms.remoteVerificationConfirmed());

      assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
      assertThat(answer.json().path("message").asText())
          .contains("贷审会没有可以表决申请 " + applicationId + " 的委员 (受理、复核或核实过该申请的委员须回避), 请联系系统管理员补充贷审会委员后重新提交")
          .doesNotContain("IllegalStateException");
      assertThat(flow.instance(applicationId)).isWaitingAt(TASK_VERIFY_REMOTELY);
      assertThat(log.getAll()).doesNotContain("ENGINE-16004")
          .contains("Application " + applicationId + ": no member of credit-committee may vote");
    } finally {
      DEMO_COMMITTEE.forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }
  }

  @Test
  void committeeDeadlinePassesWithOneVoteAndTheChairDecides() {
    TestApplications.Builder request = growthAboveTheUnitsAuthority();
    String applicationId = beforeTheCommittee(request);
    ProcessInstance instance = flow.instance(applicationId);
    java.time.Instant opened = voteTasks(applicationId).get(0).getCreateTime().toInstant();
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);
    // When the members' tasks are due: the vote task's SLA deadline, 21 working hours of the bank calendar from
    // the vote's opening (a night, a weekend or a holiday does not count).
    java.time.Instant deadline = bankCalendar.addWorkingTime(opened, Duration.ofHours(21));
    assertThat(committeeDeadline(instance)).isCloseTo(deadline, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));

    moveClockTo(deadline.plus(Duration.ofMinutes(1)));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION)
        .hasNotPassed(TASK_TALLY_COMMITTEE_VOTES);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(COMMITTEE_DEADLINE_PASSED);
    assertThat(voteTasks(applicationId)).isEmpty();

    flow.claimAndComplete(CHAIR, applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION,
        TaskForms.reject("委员未在期限内表决, 经营数据存疑", CustomerReason.OVERALL_ASSESSMENT.name()));

    assertThat(instance).isEnded().hasPassed(END_APPLICATION_REJECTED);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(mailsTo(request.email())).singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains(CustomerReason.OVERALL_ASSESSMENT.text())
            .doesNotContain("经营数据存疑"));
  }

  /**
   * Nobody voted by the deadline: the committee has not decided, and the chair alone may neither approve nor reject a
   * loan above the unit's authority. The chair returns it (退回补充信息) and, once the processing centre answered, the
   * committee votes again, every member with a new task.
   */
  @Test
  void aDeadlineWithNoVoteCastLetsTheChairOnlyReturnTheApplicationForTheCommitteeToVoteAgain() {
    TestApplications.Builder request = growthAboveTheUnitsAuthority();
    String applicationId = beforeTheCommittee(request);
    ProcessInstance instance = flow.instance(applicationId);
    moveClockTo(committeeDeadline(instance).plus(Duration.ofMinutes(1)));
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    Task resolution = flow.task(applicationId, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "committeeAskText")).as("told before deciding")
        .contains("表决期限已到, 没有委员表决").contains("退回集中作业中心补充信息");
    assertThat(flow.claimOverRest(CHAIR, resolution.getId()).status()).isEqualTo(204);

    for (java.util.Map<String, Object> alone : List.of(TaskForms.approve("主任委员决定同意"),
        TaskForms.reject("主任委员决定否决", CustomerReason.OVERALL_ASSESSMENT.name()))) {
      Response refused = flow.completeOverRest(CHAIR, resolution.getId(), alone);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.json().path("message").asText())
          .contains("贷审会表决期限已到, 没有委员表决, 主任委员不能单独批准或否决申请 " + applicationId
              + ": 请选择“退回补充信息”, 补充信息后由贷审会重新表决");
    }
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(statusOf(applicationId)).isNotIn(ApplicationStatus.REJECTED, ApplicationStatus.AWAITING_SIGNATURE);
    assertThat(mailsTo(request.email())).isEmpty();

    Response returned = flow.completeOverRest(CHAIR, resolution.getId(), TaskForms.returnForInformation("委员均未在期限内表决, 请核实经营数据后重新提交贷审会"));
    assertThat(returned.status()).as(returned.toString()).isEqualTo(204);
    flow.executeDueJobs(applicationId);
    assertThat(instance).isWaitingAt(TASK_PROVIDE_INFORMATION);
    flow.claimAndComplete(CENTRE_PROCESSOR, applicationId, TASK_PROVIDE_INFORMATION, TaskForms.informationAnswer("已核实经营数据"));

    assertThat(instance).as("the committee votes again").isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(voteTasks(applicationId)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(DEMO_COMMITTEE);
  }

  /**
   * The vote ends (表决期限已到) when the members' tasks are due in Tasklist, 17:00 of the third working day: a vote
   * opened at 09:00 is not cut off at 09:00 of the next working day after that, while its tasks are overdue.
   */
  @Test
  void aVoteOpenedAtNineInTheMorningEndsWhenItsTasksAreDueAtFiveOnTheThirdWorkingDay() {
    LocalDate opened = bankCalendar.addWorkingDays(LocalDate.now(BusinessClock.BANK_ZONE), 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());

    // The opening day is the first of the three.
    theVoteEndsWhenItsTasksAreDue(applicationId, bankCalendar.addWorkingDays(opened, 2).atTime(17, 0));
  }

  /**
   * A vote opened at 23:48 (a verification completed late) ends at 17:00 of the third working day after, when its
   * tasks are due, not at 23:48 of that day, hours after the deadline the members saw.
   */
  @Test
  void aVoteOpenedLateAtNightEndsWhenItsTasksAreDueAtFiveOnTheThirdWorkingDayAfter() {
    LocalDate opened = bankCalendar.addWorkingDays(LocalDate.now(BusinessClock.BANK_ZONE), 1);
    moveClockTo(opened.atTime(23, 48).atZone(BusinessClock.BANK_ZONE).toInstant());
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());

    theVoteEndsWhenItsTasksAreDue(applicationId, bankCalendar.addWorkingDays(opened, 3).atTime(17, 0));
  }

  private void theVoteEndsWhenItsTasksAreDue(String applicationId, LocalDateTime due) {
    ProcessInstance instance = flow.instance(applicationId);
    Instant dueAt = due.atZone(BusinessClock.BANK_ZONE).toInstant();
    assertThat(voteTasks(applicationId)).hasSize(DEMO_COMMITTEE.size())
        .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).as("the due date Tasklist shows").isEqualTo(dueAt));
    assertThat(committeeDeadline(instance)).isEqualTo(dueAt);

    moveClockTo(dueAt.minus(Duration.ofMinutes(1)));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(BOUNDARY_COMMITTEE_DEADLINE);

    moveClockTo(dueAt);
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(voteTasks(applicationId)).isEmpty();
  }

  /**
   * A process owner rolls a new version of loan-origination out the working day after the vote opened: the vote moves to
   * it and still ends when its tasks are due (17:00 of the third working day), not 21 working hours after the rollout.
   */
  @Test
  void aVoteRolledOutTheDayAfterItOpenedStillEndsWhenItsTasksAreDue() throws IOException {
    LocalDate opened = bankCalendar.addWorkingDays(LocalDate.now(BusinessClock.BANK_ZONE), 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    String version = flow.instance(applicationId).getProcessDefinitionId();

    moveClockTo(bankCalendar.addWorkingDays(opened, 1).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    rolledOut(applicationId);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(applicationId).singleResult()
        .getProcessDefinitionId()).as("on the new version").isNotEqualTo(version);
    theVoteEndsWhenItsTasksAreDue(applicationId, bankCalendar.addWorkingDays(opened, 2).atTime(17, 0));
  }

  /**
   * The process owner's rollout of the application's loan-origination with one shape moved (a new version), moving only
   * this application.
   */
  private void rolledOut(String applicationId) throws IOException {
    Files.createDirectories(workingCopy.resolve("bpmn"));
    Files.createDirectories(workingCopy.resolve("forms"));
    String model = Files.readString(Path.of("bpmn/loan-origination.bpmn"));
    Matcher firstShape = Pattern.compile("<dc:Bounds x=\"(\\d+)\"").matcher(model);
    assertThat(firstShape.find()).isTrue();
    Files.writeString(workingCopy.resolve("bpmn/loan-origination.bpmn"), model.substring(0, firstShape.start(1))
        + (Integer.parseInt(firstShape.group(1)) + 10) + model.substring(firstShape.end(1)));
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        Files.copy(form, workingCopy.resolve("forms").resolve(form.getFileName()));
      }
    }
    RolloutReport report = ModelRollout.to("http://localhost:" + port, "process-owner", DemoData.PASSWORD)
        .onlyBusinessKeys(Set.of(applicationId)).run(workingCopy, deploymentName);
    assertThat(report.processes()).singleElement().satisfies(migration -> assertThat(migration.from())
        .flatExtracting(RolloutReport.FromVersion::moved).extracting(RolloutReport.Instance::businessKey)
        .containsExactly(applicationId));
  }

  /** A vote is the member's own: handed to another member over the engine REST API, as in Tasklist, it is refused. */
  @Test
  void aMembersVoteHandedToAnotherMemberIsRefusedInChineseWithTheEnglishBeside() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    Task committee2sVote = voteTasks(applicationId).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();

    Response handed = api.post("/engine-rest/task/" + committee2sVote.getId() + "/assignee", "admin",
        "{\"userId\": \"committee3\"}");

    assertThat(handed.status()).as(handed.body()).isEqualTo(403);
    assertThat(handed.json().path("message").asText()).isEqualTo("申请 " + applicationId + " 的贷审会表决只能由委员 committee2 本人办理,"
        + " committee3 不能代为表决 (a committee vote is the member's own: committee3 may not vote for committee2 on application "
        + applicationId + ")");
    assertThat(taskService.createTaskQuery().taskId(committee2sVote.getId()).singleResult().getAssignee()).isEqualTo("committee2");
  }

  /**
   * An administrator gives one member two more working days (the due date of their vote task, as in Tasklist): the vote
   * ends when that task is due, the last of its tasks, not at the date the others show. The member cannot move it.
   */
  @Test
  void aVoteTasksDueDateMovedLaterByHandMovesTheVotesEnd() {
    LocalDate opened = bankCalendar.addWorkingDays(LocalDate.now(BusinessClock.BANK_ZONE), 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    Instant due = bankCalendar.addWorkingDays(opened, 2).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    Instant later = bankCalendar.addWorkingDays(opened, 4).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    assertThat(committeeDeadline(instance)).isEqualTo(due);
    Task committee2sVote = voteTasks(applicationId).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();

    assertThat(moveDueDate("committee2", committee2sVote.getId(), later).status()).as("the member's own vote").isEqualTo(403);
    assertThat(committeeDeadline(instance)).isEqualTo(due);
    Response moved = moveDueDate("admin", committee2sVote.getId(), later);

    assertThat(moved.status()).as(moved.body()).isEqualTo(204);
    assertThat(committeeDeadline(instance)).as("the latest due date of the vote's tasks").isEqualTo(later);
    moveClockTo(due.plus(Duration.ofMinutes(1)));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(BOUNDARY_COMMITTEE_DEADLINE);
    moveClockTo(later);
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /**
   * An administrator shortens the vote to the opening day's 16:00: the vote ends then once every task is due then; while
   * one task still has the later date, the vote keeps it.
   */
  @Test
  void theVoteEndsEarlierOnlyWhenAllItsTasksAreMovedEarlier() {
    LocalDate opened = bankCalendar.addWorkingDays(LocalDate.now(BusinessClock.BANK_ZONE), 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    ProcessInstance instance = flow.instance(applicationId);
    Instant due = bankCalendar.addWorkingDays(opened, 2).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    Instant earlier = opened.atTime(16, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    List<Task> votes = voteTasks(applicationId);

    assertThat(moveDueDate("admin", votes.get(0).getId(), earlier).status()).isEqualTo(204);
    assertThat(committeeDeadline(instance)).as("two tasks still due later").isEqualTo(due);
    votes.subList(1, votes.size()).forEach(vote -> assertThat(moveDueDate("admin", vote.getId(), earlier).status()).isEqualTo(204));
    assertThat(committeeDeadline(instance)).isEqualTo(earlier);

    moveClockTo(earlier);
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  private Instant committeeDeadline(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(BOUNDARY_COMMITTEE_DEADLINE).singleResult().getDuedate().toInstant();
  }

  @Test
  void aMembersVoteCannotBeHandedToAnotherMember() {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    Task committee1sVote = voteTasks(applicationId).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst().orElseThrow();

    Response reassigned = api.post("/engine-rest/task/" + committee1sVote.getId() + "/assignee", TEAM_LEAD,
        "{\"userId\":\"committee2\"}");

    assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(committee1sVote.getId()).singleResult().getAssignee()).isEqualTo("committee1");
  }

  @Test
  void aMemberVotingAfterTheMajorityDecidedIsToldSoInChineseNotAServerError(CapturedOutput log) {
    String applicationId = beforeTheCommittee(growthAboveTheUnitsAuthority());
    String committee1sVote = voteTasks(applicationId).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst()
        .orElseThrow().getId();
    String committee3sVote = voteTasks(applicationId).stream().filter(t -> "committee3".equals(t.getAssignee())).findFirst()
        .orElseThrow().getId();
    vote("committee1", applicationId, ApprovalOutcome.APPROVE);
    vote("committee2", applicationId, ApprovalOutcome.APPROVE);
    String form = "{\"variables\": {\"" + CommitteeVoteTaskListener.VOTE + "\": {\"value\": \"REJECT\"}, \""
        + CommitteeVoteTaskListener.COMMENT + "\": {\"value\": \"反对的理由\"}}}";

    for (String action : List.of("submit-form", "complete")) {
      Response answer = api.post("/engine-rest/task/" + committee3sVote + "/" + action, "committee3", form);

      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).as(action)
          .contains("待办 贷审会委员投票 已撤销 (流程已继续), 无需再办理, 请刷新待办列表").doesNotContain("task is null");
    }
    Response again = api.post("/engine-rest/task/" + committee1sVote + "/complete", "committee1", form);
    assertThat(again.status()).as("a second submission of a vote: " + again).isEqualTo(400);
    assertThat(again.json().path("message").asText()).contains("待办 贷审会委员投票 已办理完毕, 不能再次办理, 请刷新待办列表");
    Response claimed = api.post("/engine-rest/task/" + committee3sVote + "/claim", "committee3", "{\"userId\":\"committee3\"}");
    assertThat(claimed.status()).as("claim: " + claimed).isEqualTo(400);
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(committee.votes(applicationId)).extracting(CommitteeService.StoredVote::member)
        .containsExactlyInAnyOrder("committee1", "committee2");
    assertThat(log.getAll()).as("a vote the majority made unnecessary is the member's to see, not an engine failure")
        .doesNotContain("ENGINE-16004");
  }

  private List<Task> voteTasks(String applicationId) {
    return taskService.createTaskQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(applicationId).taskDefinitionKey(TASK_COMMITTEE_VOTE).list();
  }

  /** The member completes the vote task assigned to them in Tasklist (engine REST API, as the member). */
  private void vote(String member, String applicationId, ApprovalOutcome vote) {
    castVote(member, applicationId, TaskForms.vote(vote, vote.label() + "的理由"));
  }

  private void voteWithConditions(String member, String applicationId, BigDecimal amount, String conditions) {
    castVote(member, applicationId, TaskForms.voteWithConditions(amount, conditions, "附条件同意的理由"));
  }

  private void castVote(String member, String applicationId, java.util.Map<String, Object> form) {
    Task task = voteTasks(applicationId).stream().filter(t -> member.equals(t.getAssignee())).findFirst()
        .orElseThrow(() -> new AssertionError("no vote task of " + member));
    Response completed = flow.completeOverRest(member, task.getId(), form);
    assertThat(completed.status()).as("%s votes: %s", member, completed).isEqualTo(204);
    flow.executeDueJobs(applicationId);
  }
}
