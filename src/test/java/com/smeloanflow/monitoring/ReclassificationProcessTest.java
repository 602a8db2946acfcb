package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.END_RECLASSIFICATION_REJECTED;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.END_RECLASSIFIED;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TakenSequenceFlows;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person's reclassification: proposed with a reason, in force only once a second person approved
 * it (never the proposer, whatever the client), then kept with who, why and the inputs.
 */
class ReclassificationProcessTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;
  @Autowired MonitoringQueryService monitoring;
  @Autowired BusinessClock clock;
  @Autowired TakenSequenceFlows flows;
  @Autowired PostLoanMonitoringService monitoringService;
  @Autowired ClassificationRepository classifications;

  private MonitoringScenario loanUnderMonitoring(String firstCheck) {
    return MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService, loans, dailyClose,
        "ZY001", clock.today()).firstCheck(firstCheck);
  }

  private Response propose(MonitoringScenario loan, String user, String classification, String reason) {
    return api.post("/api/loans/" + loan.loanId() + "/reclassifications", user,
        "{\"classification\": \"" + classification + "\", \"reason\": \"" + reason + "\"}");
  }

  private Map<String, Object> decision(String decision, String note) {
    return note == null ? Map.of(ReclassificationApprovalTaskListener.DECISION, decision)
        : Map.of(ReclassificationApprovalTaskListener.DECISION, decision, ReclassificationApprovalTaskListener.NOTE, note);
  }

  @Test
  void aReclassificationTakesEffectOnlyOnceASecondPersonApprovedItAndIsKeptWithWhoWhyAndTheInputs() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");

    Response proposed = propose(loan, "remote-verifier", "SUBSTANDARD", "实际控制人涉赌, 经营现金流已被挪用");

    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    assertThat(monitoring.view(loan.loanId()).classification()).as("not before the approval").isEqualTo(Classification.NORMAL);
    Task approval = loan.task(TASK_APPROVE_RECLASSIFICATION);
    assertThat(approval).hasCandidateGroup(Groups.CREDIT_APPROVERS).hasCandidateGroup(Groups.leads("ZY001"));
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).taskCandidateUser("team-lead").count())
        .as("the lead of the loan's branch").isEqualTo(1);
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).taskCandidateUser("zy002-lead").count())
        .as("another branch's lead").isZero();
    assertThat(taskService.getVariableLocal(approval.getId(), "proposedClassificationName")).isEqualTo("次级");
    assertThat(taskService.getVariableLocal(approval.getId(), "proposalReason")).isEqualTo("实际控制人涉赌, 经营现金流已被挪用");

    completeAs("approver", approval.getId(), decision("APPROVE", "同意"));
    loan.runJobs();

    assertThat(flows.of(loan.monitoring().getId())).contains(
        com.smeloanflow.process.PostLoanMonitoringProcess.Flows.RECLASSIFICATION_APPROVED_YES,
        com.smeloanflow.process.PostLoanMonitoringProcess.Flows.COLLECTIONS_NOTIFIED);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(loan.monitoring().getId())
        .activityId(END_RECLASSIFIED).count()).isEqualTo(1);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(view.rhythm()).isEqualTo("MONTHLY");
    assertThat(view.classificationHistory().get(0)).satisfies(change -> {
      assertThat(change.cause()).isEqualTo("RECLASSIFICATION");
      assertThat(change.causeRef()).isEqualTo(proposed.json().path("proposalId").asText());
      assertThat(change.decidedBy()).isEqualTo("approver");
      assertThat(change.requestedBy()).isEqualTo("remote-verifier");
      assertThat(change.matchedRules()).contains("Rule_ApprovedReclassification");
      assertThat(change.inputs()).containsEntry("approvedClassification", "SUBSTANDARD");
    });
    assertThat(view.reclassifications()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(ReclassificationProposal.APPROVED);
      assertThat(p.decidedBy()).isEqualTo("approver");
    });
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(loans.classificationHistory(loan.loanId()).get(0).source()).isEqualTo("RISK_REVIEW");
  }

  @Test
  void theProposerNeitherSeesNorCanClaimOrDecideTheirOwnReclassification() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    propose(loan, "approver", "SPECIAL_MENTION", "行业政策收紧, 订单下滑");
    Task approval = loan.task(TASK_APPROVE_RECLASSIFICATION);

    identityService.setAuthentication("approver", List.of(Groups.CREDIT_APPROVERS));
    try {
      assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("in the proposer's queue").isZero();
      assertThatThrownBy(() -> taskService.claim(approval.getId(), "approver"))
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("四眼原则");
    } finally {
      identityService.clearAuthentication();
    }
    identityService.setAuthentication("approver2", List.of(Groups.CREDIT_APPROVERS));
    try {
      assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).as("in another approver's queue").isOne();
    } finally {
      identityService.clearAuthentication();
    }
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      assertThatThrownBy(() -> taskService.setAssignee(approval.getId(), "approver"))
          .as("even an administrator cannot give it to the proposer")
          .isInstanceOf(AuthorizationException.class).hasMessageContaining("四眼原则");
    } finally {
      identityService.clearAuthentication();
    }
    assertThatThrownBy(() -> completeAs("approver", approval.getId(), decision("APPROVE", null)))
        .isInstanceOf(AuthorizationException.class);
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.NORMAL);

    completeAs("team-lead", approval.getId(), decision("APPROVE", "同意关注"));
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.SPECIAL_MENTION);
  }

  /**
   * The branch's leads and approval's leads may reassign 审批风险分类调整 (candidates, or the candidates' team leads); one
   * who proposed the reclassification, hidden from its approval (四眼原则), does not pick who decides it with that right.
   */
  @Test
  void aLeadWhoProposedAReclassificationDoesNotHandItsApprovalToAnApprover() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    assertThat(propose(loan, "team-lead", "SPECIAL_MENTION", "实际控制人涉诉").status()).isEqualTo(201);
    Task approval = loan.task(TASK_APPROVE_RECLASSIFICATION);

    Response handed = api.post("/engine-rest/task/" + approval.getId() + "/assignee", "team-lead", "{\"userId\": \"approver\"}");

    assertThat(handed.status()).as(handed.toString()).isEqualTo(403);
    assertThat(handed.json().path("message").asText()).isEqualTo("待办“审批风险分类调整”须由 team-lead 以外的人办理 (四眼原则或审贷分离),"
        + " team-lead 也不能改派给 approver (task " + approval.getId() + " is hidden from team-lead (four eyes or separation of"
        + " duties), who may not assign it to approver either)");
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();
    Response byAnotherLead = api.post("/engine-rest/task/" + approval.getId() + "/assignee", secondLeadOfZy001(),
        "{\"userId\": \"approver\"}");
    assertThat(byAnotherLead.status()).as("ZY001's other lead, a candidate: " + byAnotherLead).isEqualTo(204);
  }

  @Test
  void anApproverClaimingOrDecidingAReclassificationWithdrawnMeanwhileIsToldSoInChineseNotAServerError() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    propose(loan, "zy001-cm", "SUBSTANDARD", "企业主要客户破产");
    String taskId = loan.task(TASK_APPROVE_RECLASSIFICATION).getId();
    // The loan is settled in another transaction while the approval is still in the approvers' queue: monitoring
    // ends and withdraws the proposal before an approver's claim or decision reaches it.
    monitoringService.end(loan.loanId(), "贷款已结清");
    String withdrawn = "借据 " + loan.loanId() + " 已没有待审批的风险分类调整 (已审批, 或已随贷后监控结束而撤销), 无需再审批, 请刷新待办列表";

    Response claim = api.post("/engine-rest/task/" + taskId + "/claim", "approver", "{\"userId\": \"approver\"}");
    Response decide = api.post("/engine-rest/task/" + taskId + "/complete", "approver", "{\"variables\": {\""
        + ReclassificationApprovalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
        + ReclassificationApprovalTaskListener.NOTE + "\": {\"value\": \"同意\"}}}");

    assertThat(claim.status()).as(claim.toString()).isEqualTo(400);
    assertThat(claim.json().path("message").asText()).contains(withdrawn).doesNotContain("ENGINE-");
    assertThat(decide.status()).as(decide.toString()).isEqualTo(400);
    assertThat(decide.json().path("message").asText()).contains(withdrawn).doesNotContain("ENGINE-");
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).as("nobody holds it").isNull();
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.NORMAL);
  }

  /**
   * Four earlier reclassifications, each with the 1,000 characters of reason a proposal allows: the next proposal's task
   * is created showing the newest that fit and how many earlier ones it leaves out, instead of the proposal failing
   * (the five newest in full passed the engine's 4,000 characters).
   */
  @Test
  void longReasonsOfEarlierReclassificationsLeaveTheApprovalShowingTheNewestThatFit() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    for (int earlier = 1; earlier <= 4; earlier++) {
      classifications.insertChange(loan.loanId(), new RiskClassificationChange(clock.today(), "RECLASSIFICATION", "RC-EARLIER",
          Classification.SPECIAL_MENTION, Classification.NORMAL, Map.of(), List.of(), String.valueOf(earlier).repeat(1000),
          "approver", "remote-verifier", clock.now()));
    }

    Response proposed = propose(loan, "remote-verifier", "SUBSTANDARD", "实际控制人涉赌, 经营现金流已被挪用");

    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    String history = (String) taskService.getVariableLocal(loan.task(TASK_APPROVE_RECLASSIFICATION).getId(),
        "classificationHistoryText");
    assertThat(history).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).startsWith("- " + ChineseDates.day(clock.today()) + ", 正常 → 关注: 4444")
        .contains("4".repeat(1000), "3".repeat(1000), "2".repeat(1000)).doesNotContain("1111")
        .endsWith("\n- 更早的 1 条分类调整未显示, 全部见 GET /api/loans/" + loan.loanId() + "/monitoring (classificationHistory)");
  }

  /**
   * Seven earlier reclassifications, each with a short reason: the approval shows the five newest and says that two
   * earlier ones are left out and where staff read them all, instead of ending at the fifth as if there were no more.
   */
  @Test
  void theApprovalSaysHowManyEarlierReclassificationsItLeavesOutBeyondTheFiveNewestAndWhereToReadThem() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    for (int earlier = 1; earlier <= 7; earlier++) {
      classifications.insertChange(loan.loanId(), new RiskClassificationChange(clock.today(), "RECLASSIFICATION", "RC-EARLIER",
          Classification.SPECIAL_MENTION, Classification.NORMAL, Map.of(), List.of(), "第" + earlier + "次调整",
          "approver", "remote-verifier", clock.now()));
    }

    Response proposed = propose(loan, "remote-verifier", "SUBSTANDARD", "实际控制人涉赌, 经营现金流已被挪用");

    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    String history = (String) taskService.getVariableLocal(loan.task(TASK_APPROVE_RECLASSIFICATION).getId(),
        "classificationHistoryText");
    String whereAll = "GET /api/loans/" + loan.loanId() + "/monitoring";
    assertThat(history.lines().toList()).hasSize(6);
    assertThat(history).startsWith("- " + ChineseDates.day(clock.today()) + ", 正常 → 关注: 第7次调整")
        .contains("第6次调整", "第5次调整", "第4次调整", "第3次调整").doesNotContain("第2次调整", "第1次调整")
        .endsWith("\n- 更早的 2 条分类调整未显示, 全部见 " + whereAll + " (classificationHistory)");
    Response all = api.get("/api/loans/" + loan.loanId() + "/monitoring", "approver");
    assertThat(all.status()).as("the approver may read where the text points: %s", all).isEqualTo(200);
    assertThat(all.json().path("classificationHistory")).as("every change is there").hasSize(7);
  }

  @Test
  void aRejectionNeedsANoteAndChangesNothing() {
    MonitoringScenario loan = loanUnderMonitoring("NORMAL");
    propose(loan, "zy001-cm", "DOUBTFUL", "企业停产");
    Task approval = loan.task(TASK_APPROVE_RECLASSIFICATION);

    assertThatThrownBy(() -> completeAs("approver", approval.getId(), decision("REJECT", null)))
        .hasMessageContaining("审批意见");
    completeAs("approver", approval.getId(), decision("REJECT", "停产系季节性检修, 证据不足"));

    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(loan.monitoring().getId())
        .activityId(END_RECLASSIFICATION_REJECTED).count()).isEqualTo(1);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.classification()).isEqualTo(Classification.NORMAL);
    assertThat(view.classificationHistory()).isEmpty();
    assertThat(view.reclassifications()).singleElement().extracting(MonitoringView.ProposalView::status)
        .isEqualTo(ReclassificationProposal.REJECTED);
  }

  @Test
  void anApprovedLowerClassificationSupersedesEarlierFindings() {
    MonitoringScenario loan = loanUnderMonitoring("WATCH");
    assertThat(monitoring.view(loan.loanId()).classification()).isEqualTo(Classification.SPECIAL_MENTION);

    propose(loan, "remote-verifier", "NORMAL", "回款已恢复, 关注原因消除");
    completeAs("approver", loan.task(TASK_APPROVE_RECLASSIFICATION).getId(), decision("APPROVE", null));

    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.classification()).isEqualTo(Classification.NORMAL);
    assertThat(view.rhythm()).isEqualTo("QUARTERLY");
  }
}
