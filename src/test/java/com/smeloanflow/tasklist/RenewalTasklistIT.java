package com.smeloanflow.tasklist;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_DECLINED;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.RECEIVE_AWAIT_SIGNATURE;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_RENEWED;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_APPROVE_RENEWAL;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_COMMITTEE_VOTE;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_DECIDE_COMMITTEE_RESOLUTION;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_REVIEW_AMOUNT;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TIMER_LOAN_MATURES;
import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.identity.IdentitySetup;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.calendar.BankCalendar;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.SandboxEnterprises;
import com.smeloanflow.renewal.RenewalApplicationService;
import com.smeloanflow.renewal.RenewalCommitteeVoteTaskListener;
import com.smeloanflow.renewal.RenewalDates;
import com.smeloanflow.renewal.RenewalStatus;
import com.smeloanflow.renewal.RenewalView;
import com.smeloanflow.servicing.RepaymentService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The renewal's tasks worked in Tasklist by an approver: 审批续贷申请 for a 500,000 CNY renewal (above the
 * model's ceiling) offered by the scan, applied for over the channel API, approved on one loan and declined
 * with a reason for the borrower on another; 复核续贷金额 for a 100,000 CNY renewal the model approved, signed,
 * then partly prepaid before maturity, renewed with the principal then due; a 6,000,000 CNY renewal (above an
 * approver's authority) voted by the committee, one member in Tasklist, and signed by the chair in Tasklist.
 */
@BrowserTest
class RenewalTasklistIT extends BrowserTestBase {

  private static final String GROUP_TASKS = IdentitySetup.FILTER_GROUP_TASKS;

  @Autowired IntakeService intake;
  @Autowired LoanAccountService loans;
  @Autowired RenewalApplicationService renewals;
  @Autowired BusinessClock clock;
  @Autowired BankCalendar calendar;
  @Autowired RepaymentService repayments;

  private TasklistPage tasklist;
  private ProcessProbe probe;
  private ApiClient api;

  @BeforeEach
  void openTasklist() {
    tasklist = new TasklistPage(browser, port);
    probe = new ProcessProbe(engine);
    api = new ApiClient(port);
  }

  /** A 500,000 CNY interest-first loan of ZY001 maturing in 45 days, offered renewal by the scan and applied for. */
  private String appliedRenewal(LoanAccount[] opened) {
    return appliedRenewal(opened, "500000.00");
  }

  private String appliedRenewal(LoanAccount[] opened, String principal) {
    return appliedRenewal(opened, "CREDIT_QUICK", principal);
  }

  private String appliedRenewal(LoanAccount[] opened, String product, String principal) {
    String creditCode = CreditCodes.fresh();
    SandboxEnterprises.register(api, creditCode, ProcessingFixtures.strongProfile());
    // The loan matures on a working day, so 复核续贷金额 opens at maturity as the sandbox's maturity call drives it (on a
    // maturity nobody works it opens on the working day before).
    int daysToMaturity = RenewalDates.daysToMaturity(calendar, clock.today(), 45, true);
    LoanAccount loan = TestLoans.with(intake, loans).product(product).principal(principal).term(12, RepaymentMethod.INTEREST_FIRST)
        .creditCode(creditCode).disbursedOn(clock.today().plusDays(daysToMaturity).minusMonths(12));
    opened[0] = loan;
    assertThat(api.post("/api/sandbox/renewals/scan", "admin", "{}").status()).isEqualTo(202);
    probe.awaitCondition("offer of " + loan.loanId(), () -> renewals.view(loan.loanId())
        .map(r -> r.status() == RenewalStatus.OFFERED).orElse(false));
    Response applied = api.post("/api/loans/" + loan.loanId() + "/renewal-applications", "channel",
        "{\"requestId\": \"MB-RN-" + loan.loanId() + "\"}");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    return probe.awaitInstance(LoanRenewalProcess.KEY, loan.loanId());
  }

  private CamundaForm open(String user, Task task, String... shows) {
    return open(user, "审批续贷申请", task, shows);
  }

  private CamundaForm open(String user, String taskName, Task task, String... shows) {
    return open(user, GROUP_TASKS, taskName, task, shows);
  }

  private CamundaForm open(String user, String filter, String taskName, Task task, String... shows) {
    probe.assertFormReadsOnlyTaskVariables(task);
    tasklist.login(user).selectFilter(filter).openTask(task.getId());
    assertThat(tasklist.openTaskName()).isEqualTo(taskName);
    return tasklist.taskForm().assertShows(shows);
  }

  @Test
  void anApproverApprovesOneRenewalAndDeclinesAnotherInTasklist() {
    LoanAccount[] loan = new LoanAccount[1];
    String instance = appliedRenewal(loan);
    Task approval = probe.awaitTask(instance, TASK_APPROVE_RENEWAL);
    assertThat(probe.candidateGroups(approval.getId())).containsExactly("credit-approvers");

    CamundaForm form = open("approver", approval, loan[0].loanId(), loan[0].borrowerName(), "500000.00", "正常", "从未逾期",
        "第12期", "审批人审批");
    tasklist.claim();
    assertThat(form.isVisible("告知借款人的原因")).as("no customer reason unless declined").isFalse();
    form.radio("审批结论", "批准续贷").type("审批意见 (内部, 不批准时必填)", "经营稳定, 近一年按时付息, 同意续贷");
    browser.screenshot("40-form-approve-renewal");
    tasklist.complete();
    probe.awaitActivity(instance, RECEIVE_AWAIT_SIGNATURE);
    assertThat(renewals.view(loan[0].loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.APPROVED);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);

    LoanAccount[] other = new LoanAccount[1];
    String declinedInstance = appliedRenewal(other);
    Task decline = probe.awaitTask(declinedInstance, TASK_APPROVE_RENEWAL);
    CamundaForm declineForm = open("approver", decline, other[0].loanId());
    tasklist.claim();
    declineForm.radio("审批结论", "不批准").select("告知借款人的原因", "综合评估未通过")
        .type("审批意见 (内部, 不批准时必填)", "主要客户流失, 续贷后现金流无法覆盖");
    tasklist.complete();
    probe.awaitEndEvent(declinedInstance, END_DECLINED);
    assertThat(renewals.view(other[0].loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.DECLINED);
    probe.assertNoIncidents(declinedInstance);
  }

  @Test
  void anApproverRenewsThePrincipalStillDueAfterAPrepaymentSinceSigningInTasklist() {
    LoanAccount[] loan = new LoanAccount[1];
    String instance = appliedRenewal(loan, "100000.00");
    String loanId = loan[0].loanId();
    probe.awaitActivity(instance, RECEIVE_AWAIT_SIGNATURE);
    Response signed = api.post("/api/sandbox/e-signature/renewals/" + loanId + "/sign", "admin", "{}");
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    Response reported = api.post("/api/loans/" + loanId + "/renewal/signature", "channel", "{\"signatureId\":\""
        + signed.json().path("signatureId").asText() + "\",\"signedAt\":\""
        + clock.now().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}");
    assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
    probe.awaitActivity(instance, TIMER_LOAN_MATURES);
    // The borrower paid each instalment on its due date (a late payment is an arrear the maturity's re-check of the
    // eligibility table counts), then prepays all but 30,000 CNY of the principal due at maturity; the loan matures.
    for (LedgerLine line : loans.ledger(loanId)) {
      if (line.dueDate().isBefore(clock.today()) && line.status() != InstalmentStatus.PAID) {
        Response onTime = api.post("/api/loans/" + loanId + "/repayments", "core-banking", "{\"transactionId\":\"TX-RN-IT-"
            + loanId + "-" + line.number() + "\",\"amount\":" + line.principal().add(line.interest()).toPlainString()
            + ",\"valueDate\":\"" + line.dueDate() + "\"}");
        assertThat(onTime.status()).as(onTime.toString()).isIn(200, 201);
      }
    }
    BigDecimal prepayment = repayments.payoffAmount(loanId, clock.today()).subtract(new BigDecimal("30000.00"));
    Response repaid = api.post("/api/loans/" + loanId + "/repayments", "core-banking", "{\"transactionId\":\"TX-RN-IT-"
        + loanId + "\",\"amount\":" + prepayment.toPlainString() + ",\"valueDate\":\"" + clock.today() + "\"}");
    assertThat(repaid.status()).as(repaid.toString()).isIn(200, 201);
    assertThat(api.post("/api/sandbox/renewals/loans/" + loanId + "/maturity", "admin", "{}").status()).isEqualTo(202);

    Task review = probe.awaitTask(instance, TASK_REVIEW_AMOUNT);
    assertThat(probe.candidateGroups(review.getId())).containsExactly("credit-approvers");
    CamundaForm form = open("approver", "复核续贷金额", review, loanId, loan[0].borrowerName(), "100000.00", "30000.00",
        "70000.00", ChineseDates.day(loan[0].maturityDate()), "日终批处理");
    tasklist.claim();
    form.radio("复核结论", "按到期应还本金续贷").type("复核意见 (内部, 必填, 借款人不可见)", "签约后提前还款7万元, 按剩余到期本金续贷");
    browser.screenshot("41-form-review-renewal-amount");
    tasklist.complete();

    probe.awaitEndEvent(instance, END_RENEWED);
    RenewalView renewed = renewals.view(loanId).orElseThrow();
    assertThat(renewed.status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(renewed.renewalAmount()).isEqualByComparingTo("100000.00");
    assertThat(renewed.renewedAmount()).isEqualByComparingTo("30000.00");
    assertThat(loans.find(renewed.newLoanId()).orElseThrow().principal()).isEqualByComparingTo("30000.00");
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }

  @Test
  void theCommitteeVotesOnARenewalAboveAnApproversAuthorityAndTheChairSignsTheResolutionInTasklist() {
    LoanAccount[] loan = new LoanAccount[1];
    String instance = appliedRenewal(loan, "GROWTH", "6000000.00");
    String loanId = loan[0].loanId();

    List<Task> votes = probe.awaitTasks(instance, TASK_COMMITTEE_VOTE, 3);
    assertThat(votes).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee1", "committee2", "committee3");
    Task committee1s = votes.stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst().orElseThrow();
    CamundaForm vote = open("committee1", IdentitySetup.FILTER_MY_TASKS, "贷审会委员表决续贷", committee1s, loanId,
        loan[0].borrowerName(), "6000000.00", "贷审会审议 (500万元以上)", "从未逾期");
    assertThat(tasklist.claimOffered()).as("a vote is assigned, not claimed").isFalse();
    vote.radio("表决意见", "同意续贷").type("表决理由 (内部, 不告知借款人)", "经营稳定, 近一年按时付息, 同意续贷");
    browser.screenshot("42-form-renewal-committee-vote");
    tasklist.complete();
    probe.awaitCondition("committee1's vote recorded", () -> !probe.taskOpen(committee1s.getId()));
    Task committee2s = votes.stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();
    probe.completeAs("committee2", committee2s.getId(), Map.of(RenewalCommitteeVoteTaskListener.VOTE, "APPROVE",
        RenewalCommitteeVoteTaskListener.COMMENT, "抵押充足, 同意"));

    Task resolve = probe.awaitTask(instance, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(probe.candidateGroups(resolve.getId())).containsExactly("credit-committee-chair");
    CamundaForm resolution = open("committee-chair", "签发续贷贷审会决议", resolve, loanId, "委员多数同意",
        "同意 2 票", "committee1: 同意, 经营稳定", "committee2: 同意, 抵押充足");
    tasklist.claim();
    resolution.radio("决议", "签发决议: 批准续贷").type("决议意见 (内部, 否决或重新表决时必填)", "贷审会多数同意, 签发决议");
    browser.screenshot("43-form-decide-renewal-committee-resolution");
    tasklist.complete();

    probe.awaitActivity(instance, RECEIVE_AWAIT_SIGNATURE);
    assertThat(renewals.view(loanId).orElseThrow().status()).isEqualTo(RenewalStatus.APPROVED);
    probe.assertOnlyDeclaredVariables(instance);
    probe.assertNoIncidents(instance);
  }
}
