package com.smeloanflow.tasklist;

import static com.smeloanflow.process.CollectionProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.collections.DisposalApprovalTaskListener;
import com.smeloanflow.collections.DisposalProposalTaskListener;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * collection.bpmn worked in Tasklist by the roles that work it: every collection task's Camunda Form
 * renders with the loan, the arrears, the contact history and the promises, is claimed, filled and
 * completed, and the next rung appears after the daily close of its day. The days pass by daily
 * closes of the loan's era; the job executor runs the case's steps.
 */
@BrowserTest
class CollectionTasklistIT extends BrowserTestBase {

  private static final String GROUP_TASKS = IdentitySetup.FILTER_GROUP_TASKS;

  @Autowired IntakeService intake;
  @Autowired LoanAccountService loans;
  @Autowired DailyCloseService dailyClose;

  private TasklistPage tasklist;
  private ProcessProbe probe;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
  }

  /**
   * The ladder in Tasklist: the remote banking centre calls at D+3 and records a promise; it is
   * broken, so the customer manager visits before D+15; the team lead supervises at D+30; at D+90 a
   * collector proposes a write-off, may not approve it himself, and a second collector approves it.
   */
  @Test
  void aCaseClimbsFromThePhoneCallToAnApprovedWriteOffInTasklist() {
    LocalDate disbursed = BusinessDates.era();
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(disbursed);
    LocalDate firstDue = disbursed.plusMonths(1);
    String loanId = loan.loanId();

    // 电话催收 (remote-verifier), D+3: a promise to pay 1,000.00 two days later
    String instance = close(firstDue.plusDays(2), loanId);
    Task call = probe.awaitTask(instance, TASK_COLLECT_BY_PHONE);
    assertThat(probe.candidateGroups(call.getId())).containsExactly("remote-banking");
    CamundaForm phone = open("remote-verifier", call, "电话催收", loanId, loan.borrowerName(), "逾期天数 / 逾期起始日",
        "3 天", "关注", "8535.43", "逾期已达3天", "联系记录", "尚无联系记录", "尚无还款承诺");
    tasklist.claim();
    assertThat(phone.isVisible("承诺还款金额(元)")).as("promise fields before the outcome").isFalse();
    phone.radio("联系结果", "承诺还款").number("承诺还款金额(元)", "1000.00").date("承诺还款日期", firstDue.plusDays(4))
        .type("联系情况", "法定代表人接听, 承诺两日内先还 1000 元");
    browser.screenshot("20-form-collect-by-phone");
    tasklist.complete();

    // 上门催收 (zy001-cm), D+9: the promise was broken, one step up before D+15
    close(firstDue.plusDays(8), loanId);
    Task visit = probe.awaitTask(instance, TASK_VISIT_BORROWER);
    assertThat(probe.candidateGroups(visit.getId())).containsExactly("ZY001-customer-managers");
    CamundaForm field = open("zy001-cm", visit, "上门催收", loanId, "电话催收", "承诺还款", "remote-verifier", "1000.00",
        "已违约", "承诺未兑现");
    tasklist.claim();
    field.radio("上门结果", "见到借款人").type("上门情况", "厂区仍在生产, 法定代表人称回款延迟");
    browser.screenshot("21-form-visit-borrower");
    tasklist.complete();

    // 督办逾期贷款 (team-lead), D+30
    close(firstDue.plusDays(29), loanId);
    Task supervise = probe.awaitTask(instance, TASK_SUPERVISE_OVERDUE_LOAN);
    assertThat(probe.candidateGroups(supervise.getId())).containsExactly("ZY001-leads");
    CamundaForm lead = open("team-lead", supervise, "督办逾期贷款", loanId, "上门催收", "见到借款人", "zy001-cm");
    tasklist.claim();
    lead.radio("督办结果", "继续催收").type("督办意见", "已约谈, 无还款计划, 继续催收");
    browser.screenshot("22-form-supervise-overdue-loan");
    tasklist.complete();

    // 提出诉讼或核销建议 (collector), D+90
    close(firstDue.plusDays(89), loanId);
    Task proposal = probe.awaitTask(instance, TASK_PROPOSE_DISPOSAL);
    assertThat(probe.candidateGroups(proposal.getId())).containsExactly("collections");
    CamundaForm propose = open("collector", proposal, "提出诉讼或核销建议", loanId, "主管督办", "team-lead", "尚无处置建议");
    tasklist.claim();
    propose.radio("处置方式", "核销").type("处置理由", "借款企业已停业, 无可执行财产, 建议核销并保留追索权");
    browser.screenshot("23-form-propose-disposal");
    tasklist.complete();

    // 审批诉讼或核销建议: not offered to the proposer (four eyes), a second collector approves
    Task approval = probe.awaitTask(instance, TASK_APPROVE_DISPOSAL);
    tasklist.login("collector").selectFilter(GROUP_TASKS);
    assertThat(tasklist.listNeverShowsTask(approval.getId(), Duration.ofSeconds(4))).as("the proposer's queue").isTrue();
    CamundaForm decide = open("collector2", approval, "审批诉讼或核销建议", loanId, "待审批的建议", "核销", "collector",
        "借款企业已停业", "审批权限", "资产保全 (collections)", "不超过50万元");
    tasklist.claim();
    decide.radio("审批结论", "批准").type("审批意见 (驳回时必填)", "同意核销, 账销案存");
    browser.screenshot("24-form-approve-disposal");
    tasklist.complete();

    probe.awaitEndEvent(instance, END_LOAN_WRITTEN_OFF);
    assertThat(loans.standing(loanId).orElseThrow().status()).isEqualTo(LoanAccount.WRITTEN_OFF);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /** An approved legal action: the collector follows it up in Tasklist, and the case waits 30 days for the next. */
  @Test
  void anApprovedLegalActionIsFollowedUpInTasklist() {
    LocalDate disbursed = BusinessDates.era();
    LoanAccount loan = TestLoans.with(intake, loans).disbursedOn(disbursed);
    String loanId = loan.loanId();
    String instance = close(disbursed.plusMonths(1).plusDays(89), loanId);
    probe.completeAs("collector", probe.awaitTask(instance, TASK_PROPOSE_DISPOSAL).getId(),
        Map.of(DisposalProposalTaskListener.KIND, "LEGAL_ACTION", DisposalProposalTaskListener.REASON, "抵押物可处置, 提起诉讼"));
    probe.completeAs("collector2", probe.awaitTask(instance, TASK_APPROVE_DISPOSAL).getId(),
        Map.of(DisposalApprovalTaskListener.DECISION, "APPROVE", DisposalApprovalTaskListener.COMMENT, "同意起诉"));

    Task followUp = probe.awaitTask(instance, TASK_FOLLOW_UP_LEGAL_ACTION);
    CamundaForm legal = open("collector", followUp, "跟进诉讼进展", loanId, "处置建议", "提起诉讼", "批准", "collector2");
    tasklist.claim();
    legal.radio("诉讼后续", "诉讼进行中").type("诉讼进展 (法院、案号、进度)", "已向汇川区人民法院起诉, 待开庭");
    browser.screenshot("25-form-follow-up-legal-action");
    tasklist.complete();

    probe.awaitActivity(instance, TIMER_NEXT_LEGAL_REVIEW);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  /** Runs the daily close of {@code day}; answers the loan's collection instance. */
  private String close(LocalDate day, String loanId) {
    dailyClose.close(day);
    return probe.awaitInstance(CollectionProcess.KEY, loanId);
  }

  private CamundaForm open(String user, Task task, String taskName, String... shows) {
    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login(user).selectFilter(GROUP_TASKS).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo(taskName);
    return tasklist.taskForm().assertShows(shows);
  }
}
