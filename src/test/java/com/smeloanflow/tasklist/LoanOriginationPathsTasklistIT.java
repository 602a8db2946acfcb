package com.smeloanflow.tasklist;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.ApplicationQueryService;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * loan-origination after acceptance, and post-loan-monitoring, worked in Tasklist by the roles that
 * work them: every user task of the main paths is opened by its role's demo user, renders with the
 * application's data, is claimed, filled and completed, and the next task appears for the next role.
 * One test per path. Steps another test already walks in the browser are done through the engine
 * API (as the same demo user) or over HTTP as the channel does, to keep the suite short; the
 * applicant's signature and the mortgage registration happen outside Tasklist and are reported
 * over the API. Acceptance at the counter: {@link LoanOriginationTasklistIT}.
 */
@BrowserTest
class LoanOriginationPathsTasklistIT extends BrowserTestBase {

  private static final String ACCEPTOR = "zy001-acceptor";
  private static final String CENTRE_PROCESSOR = "centre-processor";
  private static final String REMOTE_VERIFIER = "remote-verifier";
  private static final String CUSTOMER_MANAGER = "zy001-cm";
  private static final String APPROVER = "approver";
  private static final String DISBURSER = "disburser";
  private static final String TEAM_LEAD = "team-lead";

  private static final String GROUP_TASKS = IdentitySetup.FILTER_GROUP_TASKS;
  private static final String MY_TASKS = IdentitySetup.FILTER_MY_TASKS;


  @Autowired
  ApplicationQueryService applicationViews;

  @Autowired
  LoanApplicationRepository applications;
  @Autowired
  com.smeloanflow.casefile.CaseFiles caseFiles;

  private TasklistPage tasklist;
  private ProcessProbe probe;
  private ApiClient api;

  @AfterAll
  static void stopMailServer() {
    MAIL.stop();
  }

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
    api = new ApiClient(port);
  }

  /**
   * (a) SINGLE: a mortgage of 800,000 CNY at ZY001 for a strong enterprise — accepted at the branch,
   * verified by the remote banking centre, approved by an approver, signed and registered by the
   * applicant, checked by disbursement operations, disbursed, and checked after 30 days.
   */
  @Test
  void mortgageIsVerifiedApprovedSignedRegisteredCheckedDisbursedAndMonitored() {
    String enterprise = "遵义市汇川区恒通精密制造有限公司";
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code));
    String instance = instanceOf(applicationId);

    // 受理贷款申请 (zy001-acceptor), all documents brought
    Task accept = probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    assertThat(probe.candidateGroups(accept.getId())).containsExactly("ZY001-acceptance");
    CamundaForm acceptance = open(ACCEPTOR, accept, GROUP_TASKS, "受理贷款申请", applicationId, enterprise, code, "资料清单");
    assertThat(tasklist.headerUserName()).isEqualTo("王芳 (汇川支行受理)");
    tasklist.claim();
    assertThat(tasklist.assigneeShown()).isEqualTo("王芳 (汇川支行受理)");
    for (RequiredDocument document : applications.get(applicationId).requiredDocuments()) {
      acceptance.check(document.label());
    }
    acceptance.type("受理意见", "原件已核对");
    tasklist.complete();

    // 远程核实申请人 (remote-verifier): four checks, confirmed
    Task verify = probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    assertThat(probe.candidateGroups(verify.getId())).containsExactly("remote-banking");
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_VERIFICATION);
    CamundaForm verification = open(REMOTE_VERIFIER, verify, GROUP_TASKS, "远程核实申请人", applicationId, enterprise,
        code, "四维评分", "审批人审批 (500万元及以下)", "贷前信息核实", "已联系次数: 0 次", "800000.00", "纳税信用 A");
    assertThat(tasklist.headerUserName()).isEqualTo("陈静 (远程银行中心)");
    tasklist.claim();
    verifyRemotely(verification, "核实通过", "法定代表人本人接听, 经营场所与主营业务一致");
    browser.screenshot("07-form-verify-remotely");
    tasklist.complete();

    // 审批贷款申请 (approver): approve, equal instalments
    Task approve = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    assertThat(probe.candidateGroups(approve.getId())).containsExactly("credit-approvers");
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    CamundaForm approval = open(APPROVER, approve, GROUP_TASKS, "审批贷款申请", applicationId, enterprise, "核实记录",
        "核实通过 (remote-verifier)", "定价: 年利率");
    tasklist.claim();
    assertThat(approval.isVisible("还款方式")).as("repayment method before a decision").isFalse();
    approval.radio("审批结论", "批准");
    approval.select("还款方式", "等额本息").type("审批意见", "经营稳定, 抵押充足, 同意按申请金额发放");
    browser.screenshot("08-form-approve-loan");
    tasklist.complete();

    // the applicant signs in the e-signature service; the channel reports it, then the registration
    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    signContract(applicationId);
    probe.awaitActivity(instance, WAIT_MORTGAGE_REGISTRATION);
    registerMortgage(applicationId, code, "800000.00");

    // 审核放款条件 (disburser)
    Task check = probe.awaitTask(instance, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(probe.candidateGroups(check.getId())).containsExactly("disbursement-ops");
    CamundaForm disbursement = open(DISBURSER, check, GROUP_TASKS, "审核放款条件", applicationId, enterprise, "审批结果",
        "批准金额 800000.00 元", "还款方式 等额本息", "借款合同", "签署与抵押登记", "审批人 approver");
    tasklist.claim();
    disbursement.check("借款合同已签署且要素一致").check("抵押登记已办妥或无需抵押").check("审批条件已落实")
        .radio("放款审核结论", "满足放款条件").type("审核意见", "合同、抵押登记与审批一致");
    browser.screenshot("09-form-check-disbursement");
    tasklist.complete();

    // disbursed: the loan account, and post-loan monitoring starts
    probe.awaitEndEvent(instance, END_LOAN_DISBURSED);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    String loanId = applicationViews.view(applicationId).loanId();
    assertThat(loanId).as("loan id of %s", applicationId).isNotBlank();
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);

    // 首次贷后检查 (remote-verifier)
    String monitoring = probe.awaitInstance(PostLoanMonitoringProcess.KEY, loanId);
    Task firstCheck = probe.awaitTask(monitoring, PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK);
    assertThat(probe.candidateGroups(firstCheck.getId())).containsExactly("remote-banking");
    CamundaForm postLoan = open(REMOTE_VERIFIER, firstCheck, GROUP_TASKS, "首次贷后检查", loanId, enterprise, code,
        "800000.00", "等额本息", "放款后 30 日内完成首次检查");
    tasklist.claim();
    postLoan.check("贷款资金按约定用途使用").check("企业经营正常").radio("检查结论", "正常")
        .type("检查情况", "电话回访法定代表人, 两台数控机床已到货安装, 订单饱满");
    browser.screenshot("10-form-first-post-loan-check");
    tasklist.complete();
    probe.awaitActivity(monitoring, PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE);
    probe.assertOnlyDeclaredVariables(monitoring);
    probe.assertNoIncidents(monitoring);
  }

  /**
   * (b) COMMITTEE: 6,000,000 CNY is above the branch's authority. Each committee member finds only
   * their own vote, assigned to them; two of three approving is a majority and the third vote is
   * withdrawn.
   */
  @Test
  void committeeMembersVoteInTheirOwnTasklistAndAMajorityApproves() {
    String enterprise = "遵义市汇川区宏盛建材集团有限公司";
    String applicationId = verifiedCommitteeApplication(enterprise);
    String instance = instanceOf(applicationId);

    List<Task> votes = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    assertThat(votes).extracting(Task::getAssignee).containsExactly("committee1", "committee2", "committee3");
    for (Task vote : votes) {
      assertThat(probe.candidateGroups(vote.getId())).as("vote of %s: no candidate group", vote.getAssignee()).isEmpty();
    }

    voteInTasklist(votes.get(0), votes, "赵磊 (贷审会委员)", "11-form-committee-vote");
    assertThat(probe.taskOpen(votes.get(1).getId())).as("one vote of three is no majority").isTrue();
    voteInTasklist(votes.get(1), votes, "黄敏 (贷审会委员)", null);

    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(probe.taskOpen(votes.get(2).getId())).as("committee3's vote after the majority").isFalse();
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    JsonNode history = api.get("/api/applications/" + applicationId + "/history", "admin").json();
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
    assertThat(history.toString()).contains("COMMITTEE_VOTE_APPROVE");
  }

  /**
   * (c) Detours: an open court case (a soft red flag) is reviewed by the processing centre; the
   * applicant cannot be verified remotely, so a customer manager investigates on site; the approver
   * returns the application with a question, the processing centre answers, and the approver sees
   * the answer and approves with conditions.
   */
  @Test
  void exceptionReviewFieldInvestigationAndAnApprovalReturnedForInformation() {
    String enterprise = "遵义市汇川区顺达物流有限公司";
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.openEnforcementCase());
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code));
    String instance = instanceOf(applicationId);
    acceptThroughEngine(instance, applicationId);

    // 复核异常申请 (centre-processor): the open case is explained, continue
    Task review = probe.awaitTask(instance, TASK_REVIEW_EXCEPTION);
    assertThat(probe.candidateGroups(review.getId())).containsExactly("processing-centre");
    CamundaForm reviewForm = open(CENTRE_PROCESSOR, review, GROUP_TASKS, "复核异常申请", applicationId, enterprise,
        "需复核的异常", "存在需人工复核的风险信号", "【需复核】", "未结执行案件 1 件");
    tasklist.claim();
    reviewForm.radio("复核结论", "排除异常, 继续办理").type("复核意见", "执行案件为已达成和解的买卖合同纠纷, 金额小, 不影响还款能力");
    browser.screenshot("12-form-review-exception");
    tasklist.complete();

    // 远程核实申请人 (remote-verifier): the person on the phone does not know the business
    Task verify = probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    CamundaForm verification = open(REMOTE_VERIFIER, verify, GROUP_TASKS, "远程核实申请人", applicationId, enterprise,
        "已联系次数: 0 次");
    tasklist.claim();
    verifyRemotely(verification, "核实未通过", "接听人自称法定代表人, 但说不出企业主营业务");
    tasklist.complete();

    // 实地调查申请人 (zy001-cm)
    Task investigate = probe.awaitTask(instance, TASK_INVESTIGATE_ON_SITE);
    assertThat(probe.candidateGroups(investigate.getId())).containsExactly("ZY001-customer-managers");
    CamundaForm investigation = open(CUSTOMER_MANAGER, investigate, GROUP_TASKS, "实地调查申请人", applicationId, enterprise,
        "实地调查", "核实未通过 (remote-verifier)", "说不出企业主营业务");
    tasklist.claim();
    investigation.radio("调查结论", "调查属实").type("实地调查情况", "实地走访: 仓库在用, 车辆12台在运营, 法定代表人在场确认借款用途");
    browser.screenshot("13-form-investigate-on-site");
    tasklist.complete();

    // 审批贷款申请 (approver): returned with a question
    Task approve = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    CamundaForm approval = open(APPROVER, approve, GROUP_TASKS, "审批贷款申请", applicationId, enterprise,
        "实地调查 第1次: 调查属实 (zy001-cm)");
    tasklist.claim();
    String question = "请补充近三个月主要客户的运输合同";
    approval.radio("审批结论", "退回集中作业中心补充信息").type("需补充的问题", question);
    assertThat(approval.isVisible("还款方式")).as("repayment method when returning").isFalse();
    tasklist.complete();

    // 补充审批所需信息 (centre-processor)
    Task provide = probe.awaitTask(instance, TASK_PROVIDE_INFORMATION);
    assertThat(probe.candidateGroups(provide.getId())).containsExactly("processing-centre");
    CamundaForm information = open(CENTRE_PROCESSOR, provide, GROUP_TASKS, "补充审批所需信息", applicationId, enterprise,
        "审批人退回", question);
    tasklist.claim();
    String answer = "已取得三家主要客户 (建材、食品、医药配送) 的运输合同, 月均运费收入约 45 万元";
    information.type("补充说明", answer);
    browser.screenshot("14-form-provide-information");
    tasklist.complete();

    // 审批贷款申请 again (approver): sees the answer, approves a lower amount with conditions
    Task again = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    assertThat(again.getId()).isNotEqualTo(approve.getId());
    CamundaForm second = open(APPROVER, again, GROUP_TASKS, "审批贷款申请", applicationId, enterprise, answer);
    tasklist.claim();
    second.radio("审批结论", "附条件批准").number("批准金额(元)", "600000").select("追加担保后的担保方式", "抵押")
        .type("批准条件", "追加法定代表人个人连带责任担保").select("还款方式", "等额本金");
    tasklist.complete();

    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /**
   * (c) The committee does not decide within three days (one for, one against, one silent): the
   * deadline passes (its timer made due; the job executor fires it) and the committee's chair casts
   * the deciding vote — never a team lead.
   */
  @Test
  void chairDecidesWhenTheCommitteeMissesItsDeadline() {
    String enterprise = "遵义市汇川区黔北能源科技有限公司";
    String applicationId = verifiedCommitteeApplication(enterprise);
    String instance = instanceOf(applicationId);
    List<Task> votes = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    probe.completeAs("committee1", votes.get(0).getId(), Map.of("committeeVote", "APPROVE", "voteComment", "抵押充足"));
    probe.completeAs("committee2", votes.get(1).getId(), Map.of("committeeVote", "REJECT", "voteComment", "行业周期下行"));

    // three days pass: the deadline timer is made due now (not by moving the engine clock, so the
    // team lead's task is created at the real time and Tasklist shows it as just created)
    Job deadline = engine.getManagementService().createJobQuery().processInstanceId(instance).timers()
        .activityId(BOUNDARY_COMMITTEE_DEADLINE).singleResult();
    assertThat(Duration.between(votes.get(0).getCreateTime().toInstant(), deadline.getDuedate().toInstant()))
        .isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3).plusMinutes(1));
    engine.getManagementService().setJobDuedate(deadline.getId(), ClockUtil.getCurrentTime());
    Task resolve = probe.awaitTask(instance, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(probe.taskOpen(votes.get(2).getId())).as("committee3's vote after the deadline").isFalse();
    assertThat(probe.candidateGroups(resolve.getId())).containsExactly("credit-committee-chair");
    CamundaForm resolution = open(CHAIR, resolve, GROUP_TASKS, "签发贷审会决议", applicationId, enterprise,
        "贷审会表决", "committee1: 同意", "committee2: 不同意", "贷审会审议 (500万元以上)");
    tasklist.claim();
    resolution.radio("贷审会决议", "批准").type("审批意见", "抵押物足值, 近三年销售稳定增长, 行业风险可控");
    browser.screenshot("15-form-decide-committee-resolution");
    tasklist.complete();

    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  // --- steps ---------------------------------------------------------------------------------------

  /**
   * The user logs in, finds the task in a filter and opens it: the engine serves a form that reads
   * only the task's variables, and the form shows {@code shows} (the application's data, labels).
   */
  private CamundaForm open(String user, Task task, String filter, String taskName, String... shows) {
    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login(user).selectFilter(filter).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo(taskName);
    return tasklist.taskForm().assertShows(shows);
  }

  /** 远程核实申请人: the four checks when confirmed, the outcome and a note. */
  private static void verifyRemotely(CamundaForm form, String outcome, String notes) {
    if (outcome.equals("核实通过")) {
      form.check("身份核实一致 (本人接听, 身份信息与证件一致)").check("企业正常经营 (经营场所、主营业务与申请一致)")
          .check("贷款用途属实").check("已告知并取得授权 (征信查询、合同条款), 通话已录音");
    }
    form.radio("核实结果", outcome).type("核实情况说明", notes);
  }

  /** 贷审会委员投票: the member sees their own vote only, assigned to them (nothing to claim), and approves. */
  private void voteInTasklist(Task vote, List<Task> allVotes, String memberName, String screenshot) {
    CamundaForm form = open(vote.getAssignee(), vote, MY_TASKS, "贷审会委员投票", "贷审会表决", "贷审会审议 (500万元以上)",
        "6000000.00", "核实通过 (remote-verifier)");
    for (Task other : allVotes) {
      if (!other.getId().equals(vote.getId())) {
        assertThat(tasklist.listShowsTask(other.getId())).as("%s sees %s's vote", vote.getAssignee(), other.getAssignee())
            .isFalse();
      }
    }
    assertThat(tasklist.taskNames()).as("tasks of %s", vote.getAssignee()).containsExactly("贷审会委员投票");
    assertThat(tasklist.claimOffered()).as("a vote is assigned, not claimed").isFalse();
    assertThat(tasklist.assigneeShown()).isEqualTo(memberName);
    form.radio("表决意见", "同意").type("表决理由", "抵押物足值, 经营稳定, 同意");
    if (screenshot != null) {
      browser.screenshot(screenshot);
    }
    tasklist.complete();
  }

  /**
   * A mortgage of 6,000,000 CNY for a strong enterprise whose sales (31,000,000) cover it, accepted
   * and verified through the engine (both forms are worked in the browser on the SINGLE path).
   */
  private String verifiedCommitteeApplication(String enterprise) {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.strongProfileScaledBy(5));
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code)
        .requestedAmount("6000000.00").annualRevenue("31000000.00").collateralAppraisedValue("9000000.00"));
    String instance = instanceOf(applicationId);
    acceptThroughEngine(instance, applicationId);
    Task verify = probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    probe.completeAs(REMOTE_VERIFIER, verify.getId(), Map.of("identityConfirmed", true, "businessOperating", true,
        "purposeConfirmed", true, "consentRecorded", true, "verificationOutcome", "CONFIRMED"));
    return applicationId;
  }

  /** 受理贷款申请 through the engine as the branch acceptor: every required document brought. */
  private void acceptThroughEngine(String instance, String applicationId) {
    Task accept = probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    Map<String, Object> checklist = new HashMap<>();
    for (RequiredDocument document : applications.get(applicationId).requiredDocuments()) {
      checklist.put(document.formField(), true);
    }
    probe.completeAs(ACCEPTOR, accept.getId(), checklist);
  }

  /** The application as a customer manager's pad sends it (POST /api/applications as the channel). */
  private String submit(TestApplications.Builder application) {
    ApiClient.Response answer = api.post("/api/applications", "channel",
        application.channel("CUSTOMER_MANAGER_PAD").json(), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().get("applicationId").asText();
  }

  /** The applicant signs in the e-signature service; the channel reports the signature. */
  private void signContract(String applicationId) {
    ApiClient.Response signature = api.post("/api/sandbox/e-signature/applications/" + applicationId + "/sign", "admin", null);
    assertThat(signature.status()).as(signature.toString()).isEqualTo(200);
    String report = """
        {"signatureId": "%s", "signedAt": "%s"}""".formatted(signature.json().get("signatureId").asText(),
        signature.json().get("signedAt").asText());
    ApiClient.Response answer = api.post("/api/applications/" + applicationId + "/signature", "channel", report);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  /** The registry registers the mortgage (sandbox); the channel reports the registration number. */
  private void registerMortgage(String applicationId, String creditCode, String securedAmount) {
    String number = "黔(2026)汇川区不动产证明第" + (1_000_000 + Math.abs(UUID.randomUUID().hashCode() % 9_000_000)) + "号";
    ApiClient.Response registered = api.send("PUT", "/api/sandbox/mortgage-registrations/"
            + URLEncoder.encode(number, StandardCharsets.UTF_8), "admin", TasklistPage.PASSWORD, """
        {"creditCode": "%s", "collateralDescription": "汇川区工业园3号厂房", "securedAmount": %s}"""
        .formatted(creditCode, securedAmount));
    assertThat(registered.status()).as(registered.toString()).isIn(200, 201);
    String report = """
        {"registrationNumber": "%s", "registeredAt": "%s"}""".formatted(number,
        OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
    ApiClient.Response answer = api.post("/api/applications/" + applicationId + "/mortgage-registration", "channel", report);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  private String instanceOf(String applicationId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(LoanOriginationProcess.KEY)
        .processInstanceBusinessKey(applicationId).singleResult().getId();
  }

  private static final String CHAIR = "committee-chair";

  private ApplicationStatus status(String applicationId) {
    return caseFiles.status(applicationId).orElseThrow();
  }
}
