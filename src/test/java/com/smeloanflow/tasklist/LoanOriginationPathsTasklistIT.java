package com.smeloanflow.tasklist;

import static com.smeloanflow.approval.LoanFlow.ACCEPTOR;
import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.CENTRE_PROCESSOR;
import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.approval.LoanFlow.REMOTE_VERIFIER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.approval.ApprovalOutcome;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.disbursement.ContractService;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.ApplicationQueryService;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.TestApplications;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * loan-origination after acceptance, and post-loan-monitoring, worked in Tasklist by the roles that
 * work them: every user task form is opened by its role's demo user, renders with the application's
 * data, is claimed, filled and completed, and the next task (or the outcome the applicant is told)
 * follows. Each outcome of a form is chosen in the browser on one path. Steps another test already
 * walks in the browser are done through the engine API as the same demo user ({@link LoanFlow}),
 * and what happens outside Tasklist — the channel's submission, the applicant's and the guarantors'
 * signatures, the mortgage registration — over the API, as the channel and the sandboxes do.
 * Acceptance at the counter: {@link LoanOriginationTasklistIT}.
 */
@BrowserTest
class LoanOriginationPathsTasklistIT extends BrowserTestBase {

  private static final String CUSTOMER_MANAGER = "zy001-cm";
  private static final String CHAIR = "committee-chair";

  /** The disbursement check's note field, required unless the conditions are met. */
  private static final String DISBURSEMENT_NOTES = "审核意见 (内部; 暂缓、补充资料、不予放款时必填)";

  private static final String GROUP_TASKS = IdentitySetup.FILTER_GROUP_TASKS;
  private static final String MY_TASKS = IdentitySetup.FILTER_MY_TASKS;

  @Autowired
  ApplicationQueryService applicationViews;
  @Autowired
  LoanApplicationRepository applications;
  @Autowired
  CaseFiles caseFiles;
  @Autowired
  ApprovalDecisions approvals;
  @Autowired
  ContractService contracts;
  @Autowired
  BeanFactory beans;

  private TasklistPage tasklist;
  private ProcessProbe probe;
  private ApiClient api;
  private LoanFlow flow;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
    api = new ApiClient(port);
    // the job executor runs the jobs here; staff outside the browser complete through the engine API
    flow = new LoanFlow(api, processInstanceId -> {}, probe::completeAs, beans);
  }

  /**
   * SINGLE: a mortgage of 800,000 CNY at ZY001 for a strong enterprise — accepted at the branch (engine),
   * verified by the remote banking centre, approved by an approver, signed and registered by the
   * applicant; the disbursement check holds it for three days (the applicant is told until when), it
   * comes back on that day, the conditions are met, the loan is paid out and checked within 30 days.
   */
  @Test
  void mortgageIsVerifiedApprovedHeldForThreeDaysThenDisbursedAndMonitored() {
    String enterprise = "遵义市汇川区恒通精密制造有限公司";
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, ProcessingFixtures.strongProfile());
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code);
    String applicationId = submit(request);
    String instance = instanceOf(applicationId);

    // 受理贷款申请 (zy001-acceptor), all documents brought: through the engine (the acceptance form is worked in the
    // browser with complete and with missing documents in LoanOriginationTasklistIT)
    Task accept = probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    assertThat(probe.candidateGroups(accept.getId())).containsExactly("ZY001-acceptance");
    flow.acceptAtBranch(applicationId);

    // 远程核实申请人 (remote-verifier): four checks, confirmed
    Task verify = probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    assertThat(probe.candidateGroups(verify.getId())).containsExactly("remote-banking");
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_VERIFICATION);
    CamundaForm verification = open(REMOTE_VERIFIER, verify, GROUP_TASKS, "远程核实申请人", applicationId, enterprise,
        code, "四维评分", "审批人审批 (500万元及以下)", "贷前信息核实", "已联系次数: 0 次", "800000.00", "纳税信用 A");
    assertThat(tasklist.headerUserName()).isEqualTo("陈静 (远程银行中心)");
    tasklist.claim();
    assertThat(tasklist.assigneeShown()).isEqualTo("陈静 (远程银行中心)");
    verifyRemotely(verification, "核实通过", "法定代表人本人接听, 经营场所与主营业务一致");
    browser.screenshot("07-form-verify-remotely");
    tasklist.complete();

    // 审批贷款申请 (approver): approve, equal instalments
    Task approve = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    assertThat(probe.candidateGroups(approve.getId())).containsExactly("credit-approvers");
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    CamundaForm approval = open(APPROVER, approve, GROUP_TASKS, "审批贷款申请", applicationId, enterprise, "核实记录",
        "核实通过 (remote-verifier)", "定价: 年利率", "可贷上限 1200000.00");
    tasklist.claim();
    assertThat(approval.isVisible("还款方式")).as("repayment method before a decision").isFalse();
    approval.radio("审批结论", "批准");
    approval.select("还款方式", "等额本息").type("审批意见", "经营稳定, 抵押充足, 同意按申请金额发放");
    browser.screenshot("08-form-approve-loan");
    tasklist.complete();

    // the applicant signs in the e-signature service and the registry registers the mortgage; the channel reports both
    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    flow.signContract(applicationId);
    probe.awaitActivity(instance, WAIT_MORTGAGE_REGISTRATION);
    String registration = "黔(2026)汇川区不动产证明第" + applicationId.substring(applicationId.length() - 7) + "号";
    flow.registerMortgage(applicationId, registration, code, new BigDecimal("800000.00"));

    // 审核放款条件 (disburser): held for three days
    Task check = probe.awaitTask(instance, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(probe.candidateGroups(check.getId())).containsExactly("disbursement-ops");
    CamundaForm held = open(DISBURSER, check, GROUP_TASKS, "审核放款条件", applicationId, enterprise, "审批结果",
        "批准金额 800000.00 元", "还款方式 等额本息", "借款合同", "签署与抵押登记", "审批人 approver", registration);
    tasklist.claim();
    LocalDate until = LocalDate.now(BusinessClock.BANK_ZONE).plusDays(3);
    held.radio("放款审核结论", "暂缓放款").date("暂缓至", until).type(DISBURSEMENT_NOTES,
        "待核心系统完成受托支付收款账户校验");
    browser.screenshot("18-form-check-disbursement-hold");
    tasklist.complete();

    // the applicant is told until when; the check comes back on that day (its timer made due now)
    probe.awaitActivity(instance, TIMER_HOLD_EXPIRED);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
    awaitMail(request.email(), ChineseDates.day(until));
    assertThat(String.join("\n", mailsTo(request.email()))).doesNotContain("受托支付收款账户校验");
    Job hold = engine.getManagementService().createJobQuery().processInstanceId(instance).timers()
        .activityId(TIMER_HOLD_EXPIRED).singleResult();
    assertThat(LocalDate.ofInstant(hold.getDuedate().toInstant(), BusinessClock.BANK_ZONE)).isEqualTo(until);
    engine.getManagementService().setJobDuedate(hold.getId(), ClockUtil.getCurrentTime());

    // 审核放款条件 again (disburser): the conditions are met
    Task again = probe.awaitTask(instance, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(again.getId()).isNotEqualTo(check.getId());
    CamundaForm disbursement = open(DISBURSER, again, GROUP_TASKS, "审核放款条件", applicationId, enterprise, "审批结果");
    tasklist.claim();
    disbursement.check("借款合同及保证合同已签署且要素一致").check("抵押登记已办妥或无需抵押").check("审批条件已落实")
        .radio("放款审核结论", "满足放款条件").type(DISBURSEMENT_NOTES, "受托支付账户已校验, 合同、抵押登记与审批一致");
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
    CamundaForm postLoan = open(REMOTE_VERIFIER, firstCheck, GROUP_TASKS, "首次贷后检查", enterprise, code,
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
   * COMMITTEE: 6,000,000 CNY is above the unit's authority. Each member finds only their own vote,
   * assigned to them. A majority first returns the application with a question; after the processing
   * centre's answer the members vote again, one approving with conditions (a lower amount), and the
   * chair signs the resolution with the member's conditions.
   */
  @Test
  void committeeReturnsTheApplicationThenApprovesWithConditionsAndTheChairSignsTheResolution() {
    String enterprise = "遵义市汇川区宏盛建材集团有限公司";
    String applicationId = verifiedCommitteeApplication(enterprise);
    String instance = instanceOf(applicationId);

    // first round: committee1 returns it in Tasklist, committee2 too (engine)
    List<Task> votes = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    assertThat(votes).extracting(Task::getAssignee).containsExactly("committee1", "committee2", "committee3");
    for (Task vote : votes) {
      assertThat(probe.candidateGroups(vote.getId())).as("vote of %s: no candidate group", vote.getAssignee()).isEmpty();
    }
    String question = "请补充集团近两年合并报表及对外担保情况";
    voteInTasklist(votes.get(0), votes, "赵磊 (贷审会委员)", form -> form.radio("表决意见", "退回补充信息").type("表决理由", question));
    assertThat(probe.taskOpen(votes.get(1).getId())).as("one vote of three is no majority").isTrue();
    probe.completeAs("committee2", votes.get(1).getId(), TaskForms.vote(ApprovalOutcome.RETURN, "同意退回, 补充对外担保情况"));

    // 补充审批所需信息 (processing centre, engine: worked in the browser on the exception path)
    Task provide = probe.awaitTask(instance, TASK_PROVIDE_INFORMATION);
    assertThat(probe.taskOpen(votes.get(2).getId())).as("committee3's vote after the majority").isFalse();
    String answer = "已补充2024、2025年合并报表; 集团无对外担保";
    probe.completeAs(CENTRE_PROCESSOR, provide.getId(), TaskForms.informationAnswer(answer));

    // second round: committee1 approves with a lower amount, committee2 approves; both in Tasklist
    List<Task> again = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    voteInTasklist(again.get(0), again, "赵磊 (贷审会委员)", form -> {
      form.radio("表决意见", "附条件同意");
      form.number("建议批准金额(元)", "5000000").type("建议的批准条件", "金额降至500万元, 追加实际控制人连带责任保证")
          .type("表决理由", "集团报表已补充, 无对外担保; 金额宜控制在500万元");
      browser.screenshot("11-form-committee-vote");
    });
    voteInTasklist(again.get(1), again, "黄敏 (贷审会委员)", form -> form.radio("表决意见", "同意").type("表决理由", "抵押物足值, 经营稳定"));

    // 签发贷审会决议 (committee-chair): signs with the member's lower amount
    Task resolve = probe.awaitTask(instance, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(probe.taskOpen(again.get(2).getId())).as("committee3's vote after the majority").isFalse();
    assertThat(probe.candidateGroups(resolve.getId())).containsExactly("credit-committee-chair");
    CamundaForm resolution = open(CHAIR, resolve, GROUP_TASKS, "签发贷审会决议", applicationId, enterprise, "贷审会表决",
        "committee1: 附条件同意, 建议金额 5000000.00 元, 条件: 金额降至500万元", "committee2: 同意", "贷审会审议 (500万元以上)",
        "多数委员同意时, 请签发决议");
    assertThat(tasklist.headerUserName()).isEqualTo("郑国栋 (贷审会主任委员)");
    tasklist.claim();
    resolution.radio("贷审会决议", "附条件批准").number("批准金额(元)", "5000000")
        .type("批准条件", "采纳委员意见: 金额降至500万元").select("还款方式", "等额本息")
        .type("审批意见", "贷审会多数同意, 按委员建议签发");
    browser.screenshot("15-form-decide-committee-resolution");
    tasklist.complete();

    probe.awaitActivity(instance, WAIT_SIGNATURE);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
    ApprovalDecisions.Approval approved = approvals.find(applicationId).orElseThrow();
    assertThat(approved.decidedBy()).isEqualTo(CHAIR);
    assertThat(approved.approvedAmount()).isEqualByComparingTo("5000000.00");
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /**
   * Detours: an open court case (a soft red flag) is reviewed by the processing centre; the applicant
   * cannot be verified remotely, so a customer manager investigates on site; the approver returns the
   * application with a question, the processing centre answers, and the approver, not satisfied,
   * rejects it. The applicant is told the catalogue reason chosen, never the approver's own words.
   */
  @Test
  void exceptionReviewFieldInvestigationAndAReturnedApplicationTheApproverThenRejects() {
    String enterprise = "遵义市汇川区顺达物流有限公司";
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.openEnforcementCase());
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code);
    String applicationId = submit(request);
    String instance = instanceOf(applicationId);
    probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    flow.acceptAtBranch(applicationId);

    // 复核异常申请 (centre-processor): the open case is explained, continue
    Task review = probe.awaitTask(instance, TASK_REVIEW_EXCEPTION);
    assertThat(probe.candidateGroups(review.getId())).containsExactly("processing-centre");
    CamundaForm reviewForm = open(CENTRE_PROCESSOR, review, GROUP_TASKS, "复核异常申请", applicationId, enterprise,
        "需复核的异常", "存在需人工复核的风险信号", "【需复核】", "未结执行案件 1 件");
    tasklist.claim();
    assertThat(reviewForm.isVisible("告知客户的原因")).as("customer reason before rejecting").isFalse();
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
        "审批退回", question);
    tasklist.claim();
    String answer = "仅取得一家客户的运输合同, 其余客户为口头约定, 无书面合同";
    information.type("补充说明", answer);
    browser.screenshot("14-form-provide-information");
    tasklist.complete();

    // 审批贷款申请 again (approver): sees the answer and rejects, with a reason from the catalogue
    Task second = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    assertThat(second.getId()).isNotEqualTo(approve.getId());
    CamundaForm rejection = open(APPROVER, second, GROUP_TASKS, "审批贷款申请", applicationId, enterprise, answer);
    tasklist.claim();
    String internal = "主要收入来源无书面合同支撑, 还款来源不可核实";
    rejection.radio("审批结论", "拒绝").type("拒绝理由 (内部, 不告知客户)", internal).select("告知客户的原因", "申请信息未能核实");
    assertThat(rejection.isVisible("还款方式")).as("repayment method when rejecting").isFalse();
    browser.screenshot("19-form-approve-loan-reject");
    tasklist.complete();

    probe.awaitEndEvent(instance, END_APPLICATION_REJECTED);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    awaitMail(request.email(), CustomerReason.INFORMATION_NOT_VERIFIED.text());
    assertThat(String.join("\n", mailsTo(request.email()))).doesNotContain(internal).doesNotContain(answer);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /**
   * A guaranteed GROWTH loan: the approver approves a lower amount and adds the legal representative's
   * spouse as a second guarantor, screened like the first. The borrower and both guarantors sign; the
   * disbursement check asks for documents, the applicant uploads one through the channel and brings the other to the
   * branch, where the acceptor registers it; the check comes back, showing what arrived when and how, and declines the
   * loan. The applicant is told the catalogue
   * reason, not the checker's note.
   */
  @Test
  void approvalAddsAGuarantorTheDisbursementCheckAsksForDocumentsAndTheLoanIsDeclined() {
    String enterprise = "遵义市汇川区黔丰农业发展有限公司";
    TestApplications.Builder request = flow.strongAtBranch("GROWTH", "800000.00").enterpriseName(enterprise);
    String applicationId = submit(request);
    String instance = instanceOf(applicationId);
    probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    flow.acceptAtBranch(applicationId);
    probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    flow.verifyRemotely(applicationId);

    // 审批贷款申请 (approver): a lower amount and a second guarantor
    String guarantorId = flow.cleanPerson(TestApplications.uniqueIdNumber(9101));
    Task approve = probe.awaitTask(instance, TASK_APPROVE_LOAN);
    CamundaForm conditions = open(APPROVER, approve, GROUP_TASKS, "审批贷款申请", applicationId, enterprise, "成长贷",
        "保证人: 李强");
    tasklist.claim();
    conditions.radio("审批结论", "附条件批准").number("批准金额(元)", "600000")
        .select("追加保证人类型", "自然人").type("追加保证人名称", "王秀兰").type("追加保证人证件号码", guarantorId)
        .select("追加保证人与借款人关系", "法定代表人配偶").type("批准条件", "追加法定代表人配偶王秀兰个人连带责任保证")
        .select("还款方式", "等额本金").type("审批意见", "季节性经营, 金额降至60万元并追加配偶保证");
    browser.screenshot("17-form-approve-loan-with-guarantor");
    tasklist.complete();

    probe.awaitActivity(instance, WAIT_SIGNATURE);
    ApprovalDecisions.Approval approved = approvals.find(applicationId).orElseThrow();
    assertThat(approved.approvedAmount()).isEqualByComparingTo("600000.00");
    assertThat(approved.extraGuarantor().partyId()).isEqualTo(guarantorId);
    assertThat(contracts.guarantees(applicationId)).as("guarantee contracts to sign")
        .extracting(ContractService.GuaranteeContract::guarantorName).containsExactlyInAnyOrder("李强", "王秀兰");
    flow.signContract(applicationId);
    probe.awaitActivity(instance, WAIT_GUARANTEE_SIGNATURES);
    flow.signGuarantees(applicationId);

    // 审核放款条件 (disburser): both guarantees are signed; documents are asked for
    Task check = probe.awaitTask(instance, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    CamundaForm supplement = open(DISBURSER, check, GROUP_TASKS, "审核放款条件", applicationId, enterprise, "成长贷 / 保证",
        "批准金额 600000.00 元", "保证合同", "李强 已签署", "王秀兰 已签署", "已要求的补充资料");
    tasklist.claim();
    supplement.radio("放款审核结论", "需借款人补充资料").checkOption("须补充的资料", "与贷款用途相符的购销合同")
        .checkOption("须补充的资料", "购销发票").type(DISBURSEMENT_NOTES, "贷款用途需与购销合同核对");
    tasklist.complete();

    // 登记放款补充资料 (zy001-acceptor): the applicant, mailed the list, uploads the purchase contract through the
    // channel and brings the invoice to the branch
    Task receive = probe.awaitTask(instance, TASK_RECEIVE_DISBURSEMENT_DOCUMENTS);
    assertThat(probe.candidateGroups(receive.getId())).containsExactly("ZY001-acceptance");
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    awaitMail(request.email(), "购销发票");
    ApiClient.Response uploaded = api.post("/api/applications/" + applicationId + "/documents", LoanFlow.CHANNEL,
        "{\"documents\":[\"PURCHASE_CONTRACT\"]}");
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(202);
    CamundaForm documents = open(ACCEPTOR, receive, GROUP_TASKS, "登记放款补充资料", applicationId, enterprise,
        "放款前待补充资料", "要求补充 与贷款用途相符的购销合同、购销发票, 仍缺 购销发票",
        "与贷款用途相符的购销合同: ", " 借款人线上上传 (channel)", "购销发票: 仍缺");
    tasklist.claim();
    documents.check("放款补充资料已收到");
    browser.screenshot("16-form-receive-disbursement-documents");
    tasklist.complete();

    // 审核放款条件 again (disburser): the contracts do not match the purpose; declined
    // It sees what it asked for, what arrived when and how
    Task again = probe.awaitTask(instance, TASK_CHECK_DISBURSEMENT_CONDITIONS);
    CamundaForm decline = open(DISBURSER, again, GROUP_TASKS, "审核放款条件", applicationId, enterprise, "审批结果",
        "已要求的补充资料及收到情况", "第1轮: ", " disburser 要求补充 与贷款用途相符的购销合同、购销发票, ", " 已齐全",
        " 借款人线上上传 (channel)", " 网点登记收到 (zy001-acceptor)");
    tasklist.claim();
    String note = "补交的购销合同买方为关联企业, 与贷款用途不符";
    decline.radio("放款审核结论", "不予放款").select("告知客户的原因", "放款条件未落实")
        .type(DISBURSEMENT_NOTES, note);
    tasklist.complete();

    probe.awaitEndEvent(instance, END_APPLICATION_REJECTED);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    awaitMail(request.email(), CustomerReason.DISBURSEMENT_CONDITIONS_NOT_MET.text());
    assertThat(String.join("\n", mailsTo(request.email()))).doesNotContain(note);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /**
   * The committee does not decide within three days (one for, one against, one silent): the deadline
   * passes (its timer made due; the job executor fires it) and the chair casts the deciding vote —
   * never a team lead: the chair sends it back with a question. After the processing centre's answer
   * two members approve, and the chair vetoes the majority: the application is rejected, and the
   * applicant is told the catalogue reason, neither the chair's words nor the votes.
   */
  @Test
  void chairCastsTheDecidingVoteAfterTheDeadlineThenVetoesTheMajority() {
    String enterprise = "遵义市汇川区黔北能源科技有限公司";
    String applicationId = verifiedCommitteeApplication(enterprise);
    String instance = instanceOf(applicationId);
    List<Task> votes = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    probe.completeAs("committee1", votes.get(0).getId(), TaskForms.vote(ApprovalOutcome.APPROVE, "抵押充足"));
    probe.completeAs("committee2", votes.get(1).getId(), TaskForms.vote(ApprovalOutcome.REJECT, "行业周期下行"));

    // the vote ends when its tasks are due: the deadline timer is made due now (not by moving the engine clock, so
    // the chair's task is created at the real time and Tasklist shows it as just created)
    Job deadline = engine.getManagementService().createJobQuery().processInstanceId(instance).timers()
        .activityId(BOUNDARY_COMMITTEE_DEADLINE).singleResult();
    assertThat(Duration.between(votes.get(0).getDueDate().toInstant(), deadline.getDuedate().toInstant()).abs())
        .as("the vote ends when its tasks are due").isLessThan(Duration.ofSeconds(1));
    engine.getManagementService().setJobDuedate(deadline.getId(), ClockUtil.getCurrentTime());

    // 签发贷审会决议 (committee-chair): the casting vote returns the application with a question
    Task casting = probe.awaitTask(instance, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(probe.taskOpen(votes.get(2).getId())).as("committee3's vote after the deadline").isFalse();
    assertThat(probe.candidateGroups(casting.getId())).containsExactly("credit-committee-chair");
    CamundaForm castingVote = open(CHAIR, casting, GROUP_TASKS, "签发贷审会决议", applicationId, enterprise,
        "贷审会表决", "committee1: 同意", "committee2: 不同意", "贷审会审议 (500万元以上)");
    tasklist.claim();
    String question = "请说明光伏组件订单的回款周期及主要下游客户";
    castingVote.radio("贷审会决议", "退回集中作业中心补充信息").type("需补充的问题", question);
    assertThat(castingVote.isVisible("还款方式")).as("repayment method when returning").isFalse();
    tasklist.complete();

    // 补充审批所需信息 (processing centre, engine: worked in the browser on the exception path)
    Task provide = probe.awaitTask(instance, TASK_PROVIDE_INFORMATION);
    probe.completeAs(CENTRE_PROCESSOR, provide.getId(), TaskForms.informationAnswer("回款周期约90天, 下游为两家省属电力公司"));

    // second round: a majority approves (engine); the chair vetoes in Tasklist
    List<Task> again = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    probe.completeAs("committee1", again.get(0).getId(), TaskForms.vote(ApprovalOutcome.APPROVE, "回款有保障"));
    probe.completeAs("committee2", again.get(1).getId(), TaskForms.vote(ApprovalOutcome.APPROVE, "下游客户资信良好"));
    Task resolve = probe.awaitTask(instance, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(resolve.getId()).isNotEqualTo(casting.getId());
    CamundaForm veto = open(CHAIR, resolve, GROUP_TASKS, "签发贷审会决议", applicationId, enterprise, "同意 2 票",
        "committee1: 同意", "committee2: 同意");
    tasklist.claim();
    String internal = "组件订单集中于单一下游客户, 集中度风险过高";
    veto.radio("贷审会决议", "否决").type("拒绝理由 (内部, 不告知客户)", internal).select("告知客户的原因", "综合评估未通过");
    tasklist.complete();

    probe.awaitEndEvent(instance, END_APPLICATION_REJECTED);
    assertThat(status(applicationId)).isEqualTo(ApplicationStatus.REJECTED);
    assertThat(approvals.find(applicationId)).as("no approval").isEmpty();
    String email = applications.get(applicationId).legalRepEmail();
    awaitMail(email, CustomerReason.OVERALL_ASSESSMENT.text());
    assertThat(String.join("\n", mailsTo(email))).doesNotContain(internal).doesNotContain("票");
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

  /**
   * 贷审会委员投票: the member finds their own vote under 我的待办, assigned to them (nothing to claim),
   * and not the other members' votes; {@code fill} fills the form.
   */
  private void voteInTasklist(Task vote, List<Task> allVotes, String memberName, Consumer<CamundaForm> fill) {
    CamundaForm form = open(vote.getAssignee(), vote, MY_TASKS, "贷审会委员投票", "贷审会表决", "贷审会审议 (500万元以上)",
        "6000000.00", "核实通过 (remote-verifier)");
    for (Task other : allVotes) {
      if (!other.getId().equals(vote.getId())) {
        assertThat(tasklist.listShowsTask(other.getId())).as("%s sees %s's vote", vote.getAssignee(), other.getAssignee())
            .isFalse();
      }
    }
    assertThat(tasklist.claimOffered()).as("a vote is assigned, not claimed").isFalse();
    assertThat(tasklist.assigneeShown()).isEqualTo(memberName);
    fill.accept(form);
    tasklist.complete();
  }

  /**
   * A mortgage of 6,000,000 CNY for a strong enterprise whose sales (31,000,000) cover it, on a plant
   * appraised at 12,500,000 (industrial property lends 50 %: up to 6,250,000), accepted and verified
   * through the engine (both forms are worked in the browser on the SINGLE path).
   */
  private String verifiedCommitteeApplication(String enterprise) {
    String code = CreditCodes.fresh();
    SandboxEnterprises.register(api, code, SandboxEnterprises.strongProfileScaledBy(5));
    String applicationId = submit(TestApplications.mortgageAtBranchCounter().enterpriseName(enterprise).creditCode(code)
        .requestedAmount("6000000.00").annualRevenue("31000000.00").collateralAppraisedValue("12500000.00"));
    String instance = instanceOf(applicationId);
    probe.awaitTask(instance, TASK_ACCEPT_APPLICATION);
    flow.acceptAtBranch(applicationId);
    probe.awaitTask(instance, TASK_VERIFY_REMOTELY);
    flow.verifyRemotely(applicationId);
    return applicationId;
  }

  /** The application as a customer manager's pad sends it (POST /api/applications as the channel). */
  private String submit(TestApplications.Builder application) {
    return flow.submitOverApi(application.channel("CUSTOMER_MANAGER_PAD"));
  }

  /** The outbox poller sent the applicant a mail that says {@code text}. */
  private void awaitMail(String address, String text) {
    probe.awaitCondition("a mail to " + address + " saying " + text,
        () -> mailsTo(address).stream().anyMatch(mail -> mail.contains(text)));
  }

  private String instanceOf(String applicationId) {
    return flow.instance(applicationId).getId();
  }

  private ApplicationStatus status(String applicationId) {
    return caseFiles.status(applicationId).orElseThrow();
  }
}
