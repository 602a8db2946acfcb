package com.smeloanflow.tasklist;

import static com.smeloanflow.process.PostLoanCheckProcess.Elements.END_CHECK_COMPLETED;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.END_LINE_INSTRUCTION_ISSUED;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE;
import static com.smeloanflow.process.PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.END_RECLASSIFIED;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION;
import static com.smeloanflow.process.PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.monitoring.MonitoringQueryService;
import com.smeloanflow.monitoring.MonitoringView;
import com.smeloanflow.monitoring.PostLoanMonitoringService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * post-loan-monitoring and post-loan-check worked in Tasklist by the roles that work them: a serious
 * signal checked on site by the branch's customer manager who restricts the line, an ordinary one
 * checked remotely, and a reclassification the proposer may not approve, approved by a team lead.
 * Signals and the proposal come over the API as other systems and staff send them; the first check is
 * walked in the browser by {@link LoanOriginationPathsTasklistIT}, here it is done through the engine.
 */
@BrowserTest
class PostLoanMonitoringTasklistIT extends BrowserTestBase {

  private static final String GROUP_TASKS = IdentitySetup.FILTER_GROUP_TASKS;

  @Autowired IntakeService intake;
  @Autowired LoanAccountService loans;
  @Autowired MonitoringQueryService monitoring;
  @Autowired BusinessClock clock;
  @Autowired PostLoanMonitoringService monitoringService;

  private TasklistPage tasklist;
  private ProcessProbe probe;
  private ApiClient api;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
    api = new ApiClient(port);
  }

  /** A loan of ZY001 under monitoring, its first check done: the instance. */
  private String loanUnderMonitoring(LoanAccount loan) {
    SandboxEnterprises.register(api, loan.creditCode(), ProcessingFixtures.strongProfile());
    engine.getRuntimeService().createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
        .processInstanceBusinessKey(loan.loanId()).correlateStartMessage();
    String instance = probe.awaitInstance(PostLoanMonitoringProcess.KEY, loan.loanId());
    probe.completeAs("remote-verifier", probe.awaitTask(instance, TASK_FIRST_POST_LOAN_CHECK).getId(), Map.of(
        "fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult", "NORMAL", "firstCheckNotes", "电话回访正常"));
    probe.awaitActivity(instance, PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE);
    return instance;
  }

  private String signal(String loanId, String eventId, String type, String summary, String evidence) {
    return "{\"eventId\": \"" + eventId + "\", \"signalType\": \"" + type + "\", \"observedOn\": \""
        + clock.today().minusDays(1) + "\", \"summary\": \"" + summary + "\", \"evidence\": " + evidence + "}";
  }

  /** The post-loan-check instance the signal's answer names. */
  private String checkInstance(Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return probe.awaitInstance(PostLoanCheckProcess.KEY, answer.json().path("checkId").asText());
  }

  @Test
  void aSeriousSignalIsCheckedOnSiteAndAnOrdinaryOneRemotelyInTasklist() {
    LoanAccount loan = TestLoans.with(intake, loans).creditCode(CreditCodes.fresh()).disbursedOn(clock.today());
    String loanId = loan.loanId();
    String instance = loanUnderMonitoring(loan);

    // 实地检查贷后风险 (zy001-cm): core banking reports the settlement account frozen, a serious signal
    String onSiteCheck = checkInstance(api.post("/api/loans/" + loanId + "/signals", "core-banking", signal(loanId,
        "CB-FRZ-" + loanId, "ACCOUNT_FROZEN", "结算账户被遵义市中级人民法院冻结", "{\"reference\": \"(2026)黔03执保123号\"}")));
    Task onSite = probe.awaitTask(onSiteCheck, TASK_CHECK_ON_SITE);
    assertThat(probe.candidateGroups(onSite.getId())).containsExactly("ZY001-customer-managers");
    CamundaForm site = open("zy001-cm", onSite, "实地检查贷后风险", loanId, loan.borrowerName(), "预警核查", "实地检查",
        "结算账户被冻结", "(2026)黔03执保123号", "重大");
    tasklist.claim();
    assertThat(site.isVisible("压降后额度(元)")).as("no limit before a line measure is chosen").isFalse();
    site.check("已实地查看经营场所").check("已面谈实际控制人").radio("检查结论", "压降或冻结额度").radio("额度管控措施", "压降额度")
        .number("压降后额度(元)", "60000.00").type("检查情况", "厂区正常生产, 冻结系与供应商的合同纠纷, 涉案 35 万元");
    browser.screenshot("30-form-check-on-site");
    tasklist.complete();
    probe.awaitEndEvent(onSiteCheck, END_LINE_INSTRUCTION_ISSUED);
    probe.assertOnlyDeclaredVariables(onSiteCheck);
    probe.assertNoIncidents(onSiteCheck);

    // 远程核查贷后风险 (remote-verifier): negative news, an ordinary signal
    String remoteCheck = checkInstance(api.post("/api/loans/" + loanId + "/signals", "remote-verifier", signal(loanId,
        "RB-NEWS-" + loanId, "NEGATIVE_NEWS", "网络报道企业拖欠供应商货款", "{\"details\": \"本地论坛转载\"}")));
    Task remote = probe.awaitTask(remoteCheck, TASK_CHECK_REMOTELY);
    assertThat(probe.candidateGroups(remote.getId())).containsExactly("remote-banking");
    CamundaForm call = open("remote-verifier", remote, "远程核查贷后风险", loanId, "负面舆情", "本地论坛转载", "一般");
    tasklist.claim();
    call.check("已联系借款人或实际控制人").check("企业仍正常经营").radio("检查结论", "关注 (列入观察名单, 每月检查)")
        .type("检查情况", "法定代表人称货款将于月底结清, 列入关注");
    browser.screenshot("31-form-check-remotely");
    tasklist.complete();
    probe.awaitEndEvent(remoteCheck, END_CHECK_COMPLETED);

    probe.awaitCondition("watch list", () -> monitoring.view(loanId).watchListed());
    MonitoringView view = monitoring.view(loanId);
    assertThat(view.classification()).isEqualTo(Classification.SPECIAL_MENTION);
    assertThat(view.lineInstructions()).singleElement().satisfies(i -> assertThat(i.issuedBy()).isEqualTo("zy001-cm"));
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  @Test
  void aCheckWithdrawnWhileItsFormIsOpenIsRefusedInTasklistWithWhatToDo() {
    LoanAccount loan = TestLoans.with(intake, loans).creditCode(CreditCodes.fresh()).disbursedOn(clock.today());
    String loanId = loan.loanId();
    loanUnderMonitoring(loan);
    Response answer = api.post("/api/loans/" + loanId + "/signals", "remote-verifier", signal(loanId,
        "RB-NEWS-" + loanId, "NEGATIVE_NEWS", "网络报道企业拖欠供应商货款", "{\"details\": \"本地论坛转载\"}"));
    String checkId = answer.json().path("checkId").asText();
    Task remote = probe.awaitTask(checkInstance(answer), TASK_CHECK_REMOTELY);
    CamundaForm call = open("remote-verifier", remote, "远程核查贷后风险", loanId);
    tasklist.claim();
    call.radio("检查结论", "正常").type("检查情况", "经营正常");

    // The loan is settled meanwhile: monitoring ends and withdraws the check the form is about.
    monitoringService.end(loanId, "贷款已结清");

    assertThat(tasklist.completeRefused())
        .contains("贷后检查 " + checkId + " 已撤销 (贷后监控已结束), 无需再登记检查结论, 请刷新待办列表").doesNotContain("ENGINE-");
  }

  @Test
  void aReclassificationIsApprovedByASecondPersonNeverByTheProposerInTasklist() {
    LoanAccount loan = TestLoans.with(intake, loans).creditCode(CreditCodes.fresh()).disbursedOn(clock.today());
    String loanId = loan.loanId();
    String instance = loanUnderMonitoring(loan);
    Response proposed = api.post("/api/loans/" + loanId + "/reclassifications", "approver",
        "{\"classification\": \"SUBSTANDARD\", \"reason\": \"实际控制人涉诉, 主要客户流失\"}");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);

    Task approval = probe.awaitTask(instance, TASK_APPROVE_RECLASSIFICATION);
    assertThat(probe.candidateGroups(approval.getId())).containsExactlyInAnyOrder("credit-approvers", "ZY001-leads");
    tasklist.login("approver").selectFilter(GROUP_TASKS);
    assertThat(tasklist.listNeverShowsTask(approval.getId(), Duration.ofSeconds(4))).as("the proposer's queue").isTrue();

    CamundaForm decide = open("team-lead", approval, "审批风险分类调整", loanId, "正常", "次级", "实际控制人涉诉, 主要客户流失",
        "approver", "尚无分类调整记录");
    tasklist.claim();
    decide.radio("审批结论", "批准").type("审批意见 (驳回时必填)", "同意下调为次级, 每月检查");
    browser.screenshot("32-form-approve-reclassification");
    tasklist.complete();

    probe.awaitEndEvent(instance, END_RECLASSIFIED);
    assertThat(monitoring.view(loanId).classification()).isEqualTo(Classification.SUBSTANDARD);
    assertThat(loans.standing(loanId).orElseThrow().classification()).isEqualTo(Classification.SUBSTANDARD);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  private CamundaForm open(String user, Task task, String taskName, String... shows) {
    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login(user).selectFilter(GROUP_TASKS).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo(taskName);
    return tasklist.taskForm().assertShows(shows);
  }
}
