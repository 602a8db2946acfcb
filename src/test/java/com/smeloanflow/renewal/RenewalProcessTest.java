package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.disbursement.CorePosting;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.ClassificationChange;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LedgerLine;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.servicing.RiskReview;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.TakenSequenceFlows;
import com.smeloanflow.support.ApiClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Renewal without repaying principal, every path: offered or not by the daily scan, applied over the
 * channel, approved by the model or a person or declined, signed before maturity and posted once at
 * maturity, or signed too late, or still undecided when the old loan matured (the approver's task, the committee's votes,
 * a vote stuck for want of a member or the chair's resolution cancelled, the renewal lapsed); a prepayment after signing reviewed by the approver group (the principal
 * still due renewed, or the renewal withdrawn), or all of it prepaid (nothing to renew); a posting that runs only
 * after the daily close counted the maturity overdue (not renewed), unless core banking had already booked it
 * under the renewal's key and the answer was lost (an incident for an operator). Real delegates and decision tables; only the outside world (external
 * data, e-signature, core banking) is the sandbox; the engine clock is moved, never slept on.
 */
@ExtendWith(OutputCaptureExtension.class)
class RenewalProcessTest extends AbstractIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private SandboxCoreBanking coreBanking;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;
  @Autowired private RenewalPostingService postings;
  @Autowired private RepaymentService repayments;
  @Autowired private DailyCloseService dailyClose;
  @Autowired private SandboxCoreBankingFaults faults;
  @Autowired private RenewalCommitteeService committee;
  @Autowired private RenewalSeparationOfDuties separationOfDuties;
  @Autowired private LoanCustomerManagers customerManagers;
  @Autowired private RenewalCallIns callIns;
  @Autowired private RenewalApprovalService approvals;
  @Autowired private org.springframework.transaction.PlatformTransactionManager transactionManager;
  @org.springframework.beans.factory.annotation.Value("${camunda.bpm.job-execution.lock-time-in-millis}")
  private long lockTimeInMillis;

  private LocalDate today;

  /** The task-local 当前续贷资格 of the renewal decision tasks. */
  private static final String ELIGIBILITY_NOW = RenewalEligibilityNowListener.TEXT;

  @BeforeEach
  void aFixedMorning() {
    stopClock();
    today = clock.today();
  }

  @AfterEach
  void coreBankingAndESignatureWorkAgain() {
    faults.reset();
    eSignature.up();
  }

  private RenewalScenario scenario(int daysToMaturity, SandboxProfile profile, String principal) {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today, daysToMaturity,
        profile, principal);
  }

  /** See {@link RenewalDates#daysToMaturity}. */
  private int daysToMaturity(int atLeast, boolean working) {
    return RenewalDates.daysToMaturity(bankCalendar, today, atLeast, working);
  }

  /** A strong borrower's loan maturing on a working day 45 days or a little more from today. */
  private RenewalScenario strongLoan() {
    return scenario(daysToMaturity(45, true), ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL);
  }

  /** A loan the table routes to one approver (500,000 CNY is above the model's 300,000 ceiling), maturing on a working day. */
  private RenewalScenario loanForAnApprover() {
    return scenario(daysToMaturity(45, true), ProcessingFixtures.strongProfile(), "500000.00");
  }

  /** The timer a signed renewal waits at: the check on the last working day before a maturity nobody works, else the maturity. */
  private String awaitingAfterSignature(RenewalScenario loan) {
    return bankCalendar.isWorkingDay(loan.account().maturityDate()) ? TIMER_LOAN_MATURES : TIMER_AMOUNT_CHECK_DUE;
  }

  private ProcessInstance applied(RenewalScenario loan) {
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    return instance;
  }

  /** Moves the engine clock to the first minute of the maturity date, China Standard Time, and runs what fell due. */
  private void maturityArrives(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
  }

  @Test
  void anEligibleLoanThirtyToSixtyDaysBeforeMaturityIsOfferedAndTheBorrowerMailed() {
    RenewalScenario loan = strongLoan().scanNow();

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.OFFERED);
    assertThat(renewal.eligibility().code()).isEqualTo("ELIGIBLE");
    assertThat(renewal.eligibility().classification()).isEqualTo("NORMAL");
    assertThat(renewal.eligibility().licenceStatus()).isEqualTo("ACTIVE");
    assertThat(renewal.offerExpiresOn()).isEqualTo(loan.account().maturityDate().minusDays(30));
    assertThat(renewal.renewalAmount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED);
  }

  @Test
  void aBorrowerWhoseLicenceWasRevokedIsOfferedNothingAndStaffSeeWhy() {
    SandboxProfile strong = ProcessingFixtures.strongProfile();
    SandboxProfile revoked = new SandboxProfile(new SandboxProfile.Registration(strong.registration().name(),
        strong.registration().establishedOn(), "REVOKED", strong.registration().industryCode()), strong.tax(), strong.bureau(),
        strong.court(), strong.flows(), strong.utilities(), strong.scenario(), strong.internalDefaults(), strong.sandbox());
    RenewalScenario loan = scenario(45, revoked, RenewalScenario.PRINCIPAL).scanNow();

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.NOT_ELIGIBLE);
    assertThat(renewal.eligibility().code()).isEqualTo("NOT_OPERATING");
    assertThat(renewal.eligibility().reason()).contains("营业执照");
    assertThat(renewal.offerExpiresOn()).isNull();
    assertThat(loan.mails()).isEmpty();
  }

  /** The borrower repays today all but {@code left} CNY of what settles the loan: that much principal stays due at maturity. */
  private void prepayAllBut(RenewalScenario loan, String left) {
    loan.repay(repayments.payoffAmount(loan.loanId(), today).subtract(new BigDecimal(left)), today);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo(left);
  }

  @Test
  void aLoanWhosePrincipalWasAllPrepaidIsNotOfferedAndStaffSeeWhy() {
    RenewalScenario loan = strongLoan();
    prepayAllBut(loan, "0.00");

    loan.scanNow();

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.NOT_ELIGIBLE);
    assertThat(renewal.eligibility().code()).isEqualTo("NO_PRINCIPAL_AT_MATURITY");
    assertThat(renewal.eligibility().reason()).contains("无应还本金");
    assertThat(loan.mails()).isEmpty();
  }

  /** Signed by the borrower, then {@code left} CNY of the principal due at maturity is all the borrower still owes. */
  private ProcessInstance signedThenPrepaidAllBut(RenewalScenario loan, String left) {
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    prepayAllBut(loan, left);
    return instance;
  }

  private Task reviewTask(ProcessInstance instance) {
    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_REVIEW_AMOUNT)
        .singleResult();
  }

  private String mailBody(RenewalScenario loan, MailTemplate template) {
    return outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).stream().filter(m -> m.template() == template).findFirst()
        .orElseThrow().body();
  }

  @Test
  void aPartialPrepaymentAfterSigningPostsNothingAndAsksTheApproverGroupToReviewTheAmountOnTheMaturityDate() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, BOUNDARY_AMOUNT_CHANGED).hasNotPassed(END_RENEWED);
    Task task = reviewTask(instance);
    assertThat(task.getName()).isEqualTo("复核续贷金额");
    assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo(Groups.CREDIT_APPROVERS));
    // Due on the maturity date itself: the daily close of that date counts the unpaid principal overdue.
    assertThat(task.getDueDate().toInstant()).isEqualTo(
        loan.account().maturityDate().atTime(23, 59).atZone(BusinessClock.BANK_ZONE).toInstant());
    // Its SLA goal (V110): 3 working hours after it was created (noon of a working maturity date), none when that
    // falls after the due date (a maturity date that is no working day).
    java.time.Instant goal = bankCalendar.addWorkingTime(task.getCreateTime().toInstant(), Duration.ofHours(3));
    assertThat(task.getFollowUpDate() == null ? null : task.getFollowUpDate().toInstant())
        .isEqualTo(goal.isAfter(task.getDueDate().toInstant()) ? null : goal);
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat(shown).containsEntry("loanNumber", loan.loanId()).containsEntry("borrowerName", loan.account().borrowerName())
        .containsEntry("maturityDate", ChineseDates.day(loan.account().maturityDate()))
        .containsEntry("renewalSignedAmountText", "100000.00").containsEntry("renewalDueAtMaturityText", "30000.00")
        .containsEntry("renewalPrepaidSinceSigningText", "70000.00");
    // Nothing moved: no posting, no new loan, the old loan's principal still due; no incident.
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("30000.00");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    assertThat(renewal.renewalAmount()).isEqualByComparingTo("100000.00");
    assertThat(renewal.principalDueAtMaturity()).isEqualByComparingTo("30000.00");
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor");
    assertThat(view.json().path("status").asText()).isEqualTo("AMOUNT_REVIEW");
    assertThat(view.json().path("statusLabel").asText()).isEqualTo("到期应还本金已变更, 待复核续贷金额");
    assertThat(view.json().path("principalDueAtMaturity").decimalValue()).isEqualByComparingTo("30000.00");
  }

  @Test
  void renewingThePrincipalNowDuePostsThatAmountOnceAndTheNewLoanRunsFromTheMaturityDate() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);

    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "提前还款7万元, 经营正常, 按剩余到期本金续贷"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_REVIEW_AMOUNT, GATEWAY_RENEW_DUE, TASK_COMPLETED_MAIL, END_RENEWED).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.AMOUNT_CHANGED,
        LoanRenewalProcess.Flows.RENEW_DUE_YES).doesNotContain(LoanRenewalProcess.Flows.RENEW_DUE_NO);
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewed.status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(renewed.renewalAmount()).as("the signed amount stays visible").isEqualByComparingTo("100000.00");
    assertThat(renewed.renewedAmount()).isEqualByComparingTo("30000.00");
    assertThat(renewed.amountReviewedBy()).isEqualTo("approver");
    assertThat(renewed.amountReviewDecision()).isEqualTo("RENEW_DUE");
    assertThat(coreBanking.postingsOf(loan.loanId())).singleElement()
        .satisfies(posting -> assertThat(posting.amount()).isEqualByComparingTo("30000.00"));
    LoanAccount newLoan = loans.find(renewed.newLoanId()).orElseThrow();
    assertThat(newLoan.principal()).isEqualByComparingTo("30000.00");
    assertThat(newLoan.disbursedOn()).isEqualTo(loan.account().maturityDate());
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("0.00");
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_COMPLETED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_COMPLETED)).contains("人民币 30000.00 元").contains(newLoan.loanId())
        .doesNotContain("100000.00").doesNotContain("经营正常");
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(view.json().path("status").asText()).isEqualTo("RENEWED");
    assertThat(view.json().path("renewedAmount").decimalValue()).isEqualByComparingTo("30000.00");

    // A replayed posting job posts nothing twice.
    RenewalPostingService.Result again = postings.post(loan.loanId());
    assertThat(again.newLoan().loanId()).isEqualTo(newLoan.loanId());
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(newLoan.loanId()).count()).isEqualTo(1);
  }

  @Test
  void notRenewingAfterAPrepaymentWithdrawsTheRenewalTellsTheBorrowerTheTruthAndLeavesTheOldLoanAsAgreed() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);

    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "LAPSE",
        ReviewRenewalAmountTaskListener.NOTE, "借款人表示到期自行归还剩余本金"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_WITHDRAWN_MAIL, END_WITHDRAWN).hasNotPassed(TASK_COMPLETED_MAIL, TASK_LAPSE).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.RENEW_DUE_NO)
        .doesNotContain(LoanRenewalProcess.Flows.RENEW_DUE_YES);
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.WITHDRAWN);
    assertThat(renewal.status().label()).contains("不再续贷");
    assertThat(renewal.amountReviewNote()).isEqualTo("借款人表示到期自行归还剩余本金");
    assertThat(renewal.closedOn()).isEqualTo(loan.account().maturityDate());
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("30000.00");
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_WITHDRAWN);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_WITHDRAWN)).contains("提前归还了部分本金").contains("不再办理")
        .contains("请按期归还到期应还的本金及利息").doesNotContain("未在原贷款到期日").doesNotContain("自行归还剩余本金");
  }

  @Test
  void renewingOnceTheDailyCloseCountedTheMaturityOverdueIsRefusedAndTheTaskStaysOpen() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);
    Task task = reviewTask(instance);

    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION,
        "RENEW_DUE"))).hasMessageContaining("renewalAmountReviewNote");
    moveClockBy(Duration.ofDays(1));
    dailyClose.close(loan.account().maturityDate());
    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION,
        "RENEW_DUE", ReviewRenewalAmountTaskListener.NOTE, "同意按剩余本金续贷")))
        .hasMessageContaining("计为逾期").hasMessageContaining("不再续贷");

    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    // Not renewing is still possible: the old loan falls due as agreed (collections as usual).
    completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "LAPSE",
        ReviewRenewalAmountTaskListener.NOTE, "已逾期, 不再续贷"));
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_WITHDRAWN).isEnded();
  }

  @Test
  void aSecondPrepaymentBeforeThePostingSendsTheNewAmountBackToTheReview() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);
    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));

    loan.repay(new BigDecimal("10000.00"), loan.account().maturityDate());
    BigDecimal dueNow = loans.ledger(loan.loanId()).get(11).principalDue();
    assertThat(dueNow).isLessThan(new BigDecimal("30000.00")).isPositive();
    loan.runJobs(instance);

    Task again = reviewTask(instance);
    assertThat(taskService.getVariablesLocal(again.getId())).containsEntry("renewalDueAtMaturityText", dueNow.toPlainString());
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().amountReviewDecision()).as("the earlier decision is void").isNull();
  }

  @Test
  void aFullPrepaymentAfterSigningEndsTheRenewalWithoutATaskAndTellsTheBorrowerNothingIsToRenew() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "0.00");

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(BOUNDARY_PRINCIPAL_PREPAID, TASK_NOT_NEEDED_MAIL, END_NOT_NEEDED)
        .hasNotPassed(TASK_REVIEW_AMOUNT, END_RENEWED).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.PRINCIPAL_PREPAID);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_NOT_NEEDED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_NOT_NEEDED)).contains("已提前还清").contains("不会发放新贷款");
  }

  /**
   * The job executor was down over the maturity date: the daily close of that date (00:30 the next day) runs
   * before the posting and counts the unpaid maturity instalment overdue. Each caller picks its own maturity
   * ({@code daysToMaturity}), so no other test of this class closes the same business date (a closed date is
   * not closed again).
   */
  private void dailyCloseOfTheMaturityDateRunsFirst(RenewalScenario loan) {
    LocalDate maturity = loan.account().maturityDate();
    moveClockTo(maturity.plusDays(1).atTime(0, 30).atZone(BusinessClock.BANK_ZONE).toInstant());
    dailyClose.close(maturity);
    assertThat(loans.ledger(loan.loanId()).get(11).status()).as("the maturity instalment after the close")
        .isEqualTo(InstalmentStatus.OVERDUE);
    moveClockBy(Duration.ofHours(8)); // the job executor is back at 08:30
  }

  private void assertNotRenewedAndToldOnce(RenewalScenario loan, ProcessInstance instance) {
    assertThat(instance).hasPassed(TASK_POST_RENEWAL, BOUNDARY_MATURITY_OVERDUE, TASK_MATURITY_OVERDUE_MAIL,
        END_MATURITY_OVERDUE).hasNotPassed(TASK_COMPLETED_MAIL, END_RENEWED).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.MATURITY_OVERDUE,
        LoanRenewalProcess.Flows.MATURITY_OVERDUE_MAILED).doesNotContain(LoanRenewalProcess.Flows.RENEWAL_POSTED);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    // No money moved: no core banking posting under the renewal's key, no new loan, the old loan's principal still due.
    assertThat(coreBanking.posting(RenewalPostingService.idempotencyKey(loan.loanId()))).isEmpty();
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    LoanAccount old = loans.find(loan.loanId()).orElseThrow();
    assertThat(old.status()).isEqualTo(LoanAccount.ACTIVE);
    LedgerLine maturity = loans.ledger(loan.loanId()).get(11);
    assertThat(maturity.status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(maturity.principalDue()).isPositive();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.MATURITY_OVERDUE);
    assertThat(renewal.newLoanId()).isNull();
    assertThat(renewal.postingReference()).isNull();
    assertThat(renewal.renewedAmount()).isNull();
    assertThat(renewal.closedOn()).isEqualTo(loan.account().maturityDate().plusDays(1));
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(view.json().path("status").asText()).isEqualTo("MATURITY_OVERDUE");
    assertThat(view.json().path("statusLabel").asText()).contains("逾期").contains("续贷未办理");
    // The borrower is told once: not renewed because the loan was overdue at maturity; due as agreed.
    assertThat(loan.mails()).filteredOn(template -> template == MailTemplate.RENEWAL_MATURITY_OVERDUE).hasSize(1);
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_COMPLETED, MailTemplate.RENEWAL_LAPSED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_MATURITY_OVERDUE)).contains(loan.loanId()).contains("已计为逾期")
        .contains("续贷未能办理").contains("不会发放新贷款").contains("请尽快归还到期应还的本金及利息")
        .doesNotContain("日终批处理").doesNotContain("RENEWAL");
  }

  @Test
  void aPostingRunAfterTheDailyCloseCountedTheMaturityOverduePostsNothingAndTellsTheBorrowerTheLoanIsDueAsAgreed() {
    RenewalScenario loan = scenario(52, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(awaitingAfterSignature(loan));

    dailyCloseOfTheMaturityDateRunsFirst(loan);
    loan.runJobs(instance);

    assertNotRenewedAndToldOnce(loan, instance);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(instance).hasNotPassed(TASK_REVIEW_AMOUNT);
  }

  @Test
  void aReviewedAmountWhosePostingRunsAfterTheDailyCloseIsNotRenewedEither() {
    RenewalScenario loan = scenario(53, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);
    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));

    dailyCloseOfTheMaturityDateRunsFirst(loan);
    loan.runJobs(instance);

    assertNotRenewedAndToldOnce(loan, instance);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("30000.00");
    assertThat(renewals.find(loan.loanId()).orElseThrow().amountReviewDecision()).isEqualTo("RENEW_DUE");
  }

  /** The renewal's posting job (asynchronous 办理续贷转贷), waiting or failed. */
  private Job postingJob(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL)
        .singleResult();
  }

  /** A signed renewal waiting for its loan to mature (or, on a maturity nobody works, for the check before it). */
  private ProcessInstance signed(RenewalScenario loan) {
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(awaitingAfterSignature(loan));
    return instance;
  }

  /** The posting job failed and waits for a retry: nothing ended, nothing told, nothing of the renewal booked. */
  private void assertWaitingForARetryWithNothingRecorded(RenewalScenario loan, ProcessInstance instance) {
    assertThat(instance).isWaitingAt(TASK_POST_RENEWAL).hasNotPassed(BOUNDARY_MATURITY_OVERDUE, END_MATURITY_OVERDUE,
        END_RENEWED).isNotEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.SIGNED);
    assertThat(renewal.closedOn()).isNull();
    assertThat(renewal.postingReference()).isNull();
    assertThat(renewal.newLoanId()).isNull();
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_MATURITY_OVERDUE, MailTemplate.RENEWAL_COMPLETED);
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isZero();
  }

  @Test
  void aPostingWhoseAnswerWasLostAndWhoseRetryRunsAfterTheDailyCloseBecomesAnIncidentForAnOperatorNotAMail() {
    RenewalScenario loan = scenario(54, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    ProcessInstance instance = signed(loan);
    String key = RenewalPostingService.idempotencyKey(loan.loanId());
    LocalDate maturity = loan.account().maturityDate();

    // At maturity core banking posts, but its answer is lost: the job fails, nothing of ours is written.
    faults.failAfterPosting(1);
    assertThatThrownBy(() -> maturityArrives(loan, instance)).hasMessageContaining("Core banking unavailable");
    CorePosting booked = coreBanking.posting(key).orElseThrow();
    assertThat(booked.amount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertWaitingForARetryWithNothingRecorded(loan, instance);
    loan.paidOnTimeBefore(maturity, loans); // the instalments before the maturity one were paid when due

    // Its retries run only after the daily close of the maturity date counted the maturity instalment overdue.
    dailyCloseOfTheMaturityDateRunsFirst(loan);
    int retries = postingJob(instance).getRetries();
    assertThat(retries).as("retries left after the lost answer").isPositive();
    while (retries > 0) {
      String jobId = postingJob(instance).getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(loan.loanId())
          .hasMessageContaining("needs an operator").hasMessageContaining(booked.postingReference());
      assertThat(postingJob(instance).getRetries()).as("retries left").isEqualTo(retries - 1);
      assertWaitingForARetryWithNothingRecorded(loan, instance);
      retries--;
    }

    // The last retry leaves an incident on 办理续贷转贷 that tells the operator what happened, in full.
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).as("incident of the renewal posting").isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(TASK_POST_RENEWAL);
    assertThat(incident.getIncidentMessage()).contains("Loan " + loan.loanId() + " needs an operator")
        .contains(key).contains(booked.postingReference()).contains("100000.00 CNY").contains("maturity " + maturity)
        .contains("counted maturity instalment 12 OVERDUE").contains("nothing of that posting is booked")
        .endsWith("it renews with this posting.");
    assertThat(coreBanking.postingsOf(loan.loanId())).as("still the one posting of maturity").hasSize(1);
    assertWaitingForARetryWithNothingRecorded(loan, instance);
    assertThat(loans.ledger(loan.loanId()).get(11).status()).isEqualTo(InstalmentStatus.OVERDUE);

    // The operator sorts the ledger out with core banking (here: the overdue count of the maturity instalment is
    // reversed, and with it the classification its days past due floored) and retries the job in Cockpit: it renews
    // with the posting booked at maturity, posting nothing new. (The posting asks the eligibility table again: a loan
    // left classified below 正常 would be an incident again, naming the table's code.)
    jdbc.sql("UPDATE repayment_instalment SET status = 'DUE' WHERE loan_id = :l AND number = 12").param("l", loan.loanId())
        .update();
    jdbc.sql("UPDATE loan_account SET classification = 'NORMAL', dpd_classification = 'NORMAL' WHERE loan_id = :l")
        .param("l", loan.loanId()).update();
    managementService.setJobRetries(postingJob(instance).getId(), 1);
    managementService.executeJob(postingJob(instance).getId());
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_COMPLETED_MAIL, END_RENEWED).hasNotPassed(END_MATURITY_OVERDUE).isEnded();
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewed.status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(renewed.postingReference()).isEqualTo(booked.postingReference());
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(loans.find(renewed.newLoanId()).orElseThrow().corePostingReference()).isEqualTo(booked.postingReference());
    assertThat(loan.mails()).filteredOn(template -> template == MailTemplate.RENEWAL_COMPLETED).hasSize(1);
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_MATURITY_OVERDUE);
  }

  @Test
  void coreBankingDownWhenThePostingFindsTheMaturityOverdueFailsTheJobAndTheRetryEndsTheRenewalAsBefore() {
    RenewalScenario loan = scenario(55, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    ProcessInstance instance = signed(loan);
    dailyCloseOfTheMaturityDateRunsFirst(loan);

    // Core banking cannot say whether it booked anything under the renewal's key: nothing is decided yet.
    faults.failBeforePosting(1);
    assertThatThrownBy(() -> loan.runJobs(instance)).hasMessageContaining("Core banking unavailable")
        .hasMessageContaining(RenewalPostingService.idempotencyKey(loan.loanId()));

    Job failed = postingJob(instance);
    assertThat(failed.getRetries()).as("retries left").isPositive();
    assertThat(failed.getExceptionMessage()).contains("look-up");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertWaitingForARetryWithNothingRecorded(loan, instance);

    // Core banking is back: nothing was booked, so the retry ends the renewal MATURITY_OVERDUE as before.
    managementService.executeJob(failed.getId());
    loan.runJobs(instance);

    assertNotRenewedAndToldOnce(loan, instance);
  }

  @Test
  void aLoanMoreThanSixtyDaysFromMaturityIsNotEvaluatedYetAndIsOfferedOnceInTheWindow() {
    RenewalScenario loan = scenario(61, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    assertThat(renewals.find(loan.loanId())).isEmpty();

    moveClockBy(Duration.ofDays(1));
    loan.scanNow().scanNow();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED);
  }

  @Test
  void appliedApprovedByTheModelSignedAndMaturedIsPostedOnceAndTheNewLoanRunsFromTheMaturityDate() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);

    assertThat(instance).hasPassed(TASK_DECIDE_ROUTE, TASK_SEND_CONTRACT, TASK_CONTRACT_MAIL)
        .hasNotPassed(TASK_APPROVE_RENEWAL).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    LoanRenewal approved = renewals.find(loan.loanId()).orElseThrow();
    assertThat(approved.status()).isEqualTo(RenewalStatus.APPROVED);
    assertThat(approved.approvalRoute()).isEqualTo("AUTO");
    assertThat(approved.decidedBy()).isEqualTo(RenewalApprovalService.MODEL);

    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.SIGNED);

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, TASK_COMPLETED_MAIL).isEnded();
    assertThat(instance).hasPassed(END_RENEWED);
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewed.status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(coreBanking.postingsOf(loan.loanId())).singleElement().satisfies(posting -> {
      assertThat(posting.idempotencyKey()).isEqualTo(RenewalPostingService.idempotencyKey(loan.loanId()));
      assertThat(posting.amount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
      assertThat(posting.postingReference()).isEqualTo(renewed.postingReference());
    });
    // The old loan: principal repaid by the renewal, the last month's interest still the borrower's to pay.
    LedgerLine last = loans.ledger(loan.loanId()).get(11);
    assertThat(last.principalDue()).isEqualByComparingTo("0.00");
    assertThat(last.interestDue()).isPositive();
    assertThat(last.status()).isEqualTo(InstalmentStatus.DUE);
    // The new loan: from the maturity date, the same terms, classified 正常 as a renewal, under monitoring.
    LoanAccount newLoan = loans.find(renewed.newLoanId()).orElseThrow();
    assertThat(newLoan.disbursedOn()).isEqualTo(loan.account().maturityDate());
    assertThat(newLoan.principal()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(newLoan.applicationId()).isEqualTo(loan.account().applicationId());
    assertThat(newLoan.corePostingReference()).isEqualTo(renewed.postingReference());
    assertThat(loans.standing(newLoan.loanId()).orElseThrow().classification().label()).isEqualTo("正常");
    assertThat(loans.classificationHistory(newLoan.loanId())).singleElement()
        .satisfies(change -> assertThat(change.source()).isEqualTo(ClassificationChange.RENEWAL));
    assertThat(loans.findRenewalOf(loan.loanId()).orElseThrow().loanId()).isEqualTo(newLoan.loanId());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(newLoan.loanId()).count()).isEqualTo(1);
    assertThat(customerManagers.of(newLoan.loanId())).as("no manager answered for the old loan, none for the new")
        .isEmpty();
    // The application's loan stays the one it disbursed.
    assertThat(loans.findByApplication(loan.account().applicationId()).orElseThrow().loanId()).isEqualTo(loan.loanId());
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_COMPLETED);
  }

  @Test
  void aRenewalAboveTheModelsCeilingIsApprovedByAnApproverInTasklist() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);

    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo(Groups.CREDIT_APPROVERS));
    // Due by the task type's SLA row (14 working hours, V87), never on a day nobody works.
    assertThat(task.getDueDate().toInstant())
        .isEqualTo(bankCalendar.addWorkingTime(task.getCreateTime().toInstant(), Duration.ofHours(14)));
    Map<String, Object> shown = taskService.getVariablesLocal(task.getId());
    assertThat(shown).containsEntry("loanNumber", loan.loanId()).containsEntry("renewalAmountText", "500000.00")
        .containsEntry("renewalClassificationName", "正常").containsEntry("renewalOverdueText", "从未逾期");
    assertThat((String) shown.get("renewalRepaymentRecordText")).contains("第12期")
        .containsPattern("(?m)^- 第12期, \\d{4}年\\d{1,2}月\\d{1,2}日应还 ").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "经营稳定, 同意续贷"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_APPROVE_RENEWAL, TASK_SEND_CONTRACT).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.approvalRoute()).isEqualTo("SINGLE");
    assertThat(renewal.decidedBy()).isEqualTo("approver");
    assertThat(renewal.status()).isEqualTo(RenewalStatus.APPROVED);
  }

  @Test
  void aDeclinedRenewalIsToldToTheBorrowerWithTheCatalogueTextAndTheOldLoanRunsToMaturity() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE",
        ApproveRenewalTaskListener.CUSTOMER_REASON, "OVERALL_ASSESSMENT",
        ApproveRenewalTaskListener.NOTE, "主要客户流失, 现金流无法覆盖"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_DECLINED_MAIL, END_DECLINED).hasNotPassed(TASK_SEND_CONTRACT).isEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.customerReason()).isEqualTo("OVERALL_ASSESSMENT");
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_DECLINED);
    String declined = outbox.mailsOf(com.smeloanflow.notification.MailCaseType.LOAN, loan.loanId()).stream()
        .filter(m -> m.template() == MailTemplate.RENEWAL_DECLINED).findFirst().orElseThrow().body();
    assertThat(declined).contains("经我行综合评估").doesNotContain("主要客户流失");
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("500000.00");
  }

  /**
   * The borrower prepaid part of the principal while the application waited for its approver: the decline tells the
   * borrower the principal now due at maturity, not the amount offered before the prepayment.
   */
  @Test
  void aDeclineAfterAPrepaymentNamesThePrincipalNowDueAtMaturity() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    prepayAllBut(loan, "120000.00");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE",
        ApproveRenewalTaskListener.CUSTOMER_REASON, "OVERALL_ASSESSMENT", ApproveRenewalTaskListener.NOTE, "不同意"));
    loan.runJobs(instance);

    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains("请按期归还本金人民币 120000.00 元")
        .doesNotContain("500000.00");
  }

  @Test
  void aDeclineWithoutAReasonForTheBorrowerIsRefusedAndTheTaskStaysOpen() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeAs("approver", task.getId(),
        Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE", ApproveRenewalTaskListener.NOTE, "不同意")))
        .hasMessageContaining("renewalCustomerReason");
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
  }

  /**
   * The offer is made up to 60 days before maturity; a risk review downgraded the loan to 关注 after it. The borrower's
   * application is taken, and the model declines it on the loan as it stands now: before, it approved the renewal on the
   * offer's facts (正常) and sent the contract. The borrower is told the catalogue text only, not the downgrade.
   */
  @Test
  void aLoanDowngradedAfterTheOfferIsDeclinedWhenTheBorrowerAppliesNotApprovedByTheModel() {
    RenewalScenario loan = strongLoan().scanNow();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SPECIAL_MENTION, today, "主要客户流失, 列入关注",
        "risk-officer"));

    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);

    // Declined at once, in the application's transaction: the instance has ended.
    String instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).singleResult().getId();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).list())
        .extracting(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId)
        .contains(TASK_DECIDE_ROUTE, TASK_DECLINED_MAIL, END_DECLINED).doesNotContain(TASK_SEND_CONTRACT);
    assertThat(loan.renewalInstances()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.approvalRoute()).isEqualTo("REJECT");
    assertThat(renewal.decidedBy()).isEqualTo(RenewalApprovalService.MODEL);
    assertThat(renewal.customerReason()).isEqualTo("OVERALL_ASSESSMENT");
    assertThat(renewal.contractNumber()).isNull();
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_DECLINED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains("经我行综合评估").doesNotContain("关注")
        .doesNotContain("风险分类");
    ApiClient.Response staff = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor");
    assertThat(staff.json().path("status").asText()).isEqualTo("DECLINED");
  }

  /**
   * The loan was downgraded while its renewal waited for the approver: 批准 is refused in Chinese, the task stays open
   * for a decline, and nothing is recorded. Before, the approver's approval (on a form showing the offer's 正常) went
   * through and the contract was sent.
   */
  @Test
  void anApproverCannotApproveARenewalWhoseLoanWasDowngradedWhileItWaitedAndTheTaskStaysOpen() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SUBSTANDARD, today, "经营恶化, 现金流不足",
        "risk-officer"));

    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "经营稳定, 同意续贷")))
        .hasMessageContaining("借据 " + loan.loanId() + " 续贷邀约后已不符合续贷条件: 风险分类非正常, 不能批准续贷, 请选择不批准");
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.APPLIED);
    assertThat(renewal.decidedBy()).isNull();

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE",
        ApproveRenewalTaskListener.CUSTOMER_REASON, "OVERALL_ASSESSMENT", ApproveRenewalTaskListener.NOTE, "已下调为次级"));
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_DECLINED).hasNotPassed(TASK_SEND_CONTRACT).isEnded();
  }

  /**
   * 审批续贷申请 shows the eligibility table's answer on the loan as it stands (当前续贷资格): 符合 when the task is
   * created; the loan downgraded while the task waited, the approver who claims it reads 不符合 and the table's reason
   * before deciding. Before, the form showed only the offer's facts (正常), and the approver learnt of the downgrade when
   * 批准 was refused.
   */
  @Test
  void theApproverWhoClaimsTheTaskSeesThatTheLoanNoLongerMeetsTheRenewalTableBeforeDeciding() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(taskService.getVariableLocal(task.getId(), ELIGIBILITY_NOW)).isEqualTo("符合");
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SUBSTANDARD, today, "经营恶化, 现金流不足",
        "risk-officer"));

    taskService.claim(task.getId(), "approver");

    assertThat((String) taskService.getVariableLocal(task.getId(), ELIGIBILITY_NOW))
        .isEqualTo("不符合 (风险分类非正常, CLASSIFICATION_NOT_NORMAL): 续贷邀约后已不符合续贷条件, 不能批准续贷");
    assertThat(taskService.getVariableLocal(task.getId(), "renewalClassificationName")).as("the offer's facts stay")
        .isEqualTo("正常");
  }

  /**
   * The committee: each member's vote shows 当前续贷资格 as the vote opens; a majority approves, the loan then has a
   * warning signal under check, and the chair who claims 签发续贷贷审会决议 reads 不符合 and why before signing.
   */
  @Test
  void theChairSeesThatTheLoanNoLongerMeetsTheRenewalTableBeforeSigningTheResolution() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(voteTasks(instance)).isNotEmpty().allSatisfy(vote ->
        assertThat(taskService.getVariableLocal(vote.getId(), ELIGIBILITY_NOW)).isEqualTo("符合"));
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    Task resolution = chairTask(instance);
    aSignalStillBeingCheckedOn(loan);

    taskService.claim(resolution.getId(), "committee-chair");

    assertThat((String) taskService.getVariableLocal(resolution.getId(), ELIGIBILITY_NOW))
        .startsWith("不符合 (存在尚未核查完毕的预警信号, SIGNAL_UNDER_CHECK)");
  }

  /**
   * The loan was downgraded while the committee's vote was open: the member who opens the vote reads 当前续贷资格 不符合 and
   * why (the vote is never claimed: it was assigned as the vote opened, when the loan still met the table); 同意 is
   * refused in Chinese, as the approver's and the chair's 批准 are, the vote left open and nothing recorded; the member's
   * 反对 is recorded.
   */
  @Test
  void aMemberCannotApproveARenewalWhoseLoanWasDowngradedWhileTheVoteWasOpen() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SUBSTANDARD, today, "经营恶化, 现金流不足",
        "risk-officer"));
    Task mine = voteTasks(instance).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst().orElseThrow();

    ApiClient.Response opened = api.get("/engine-rest/task/" + mine.getId() + "/form-variables", "committee1");

    assertThat(opened.status()).as(opened.body()).isEqualTo(200);
    assertThat(opened.json().path(ELIGIBILITY_NOW).path("value").asText())
        .isEqualTo("不符合 (风险分类非正常, CLASSIFICATION_NOT_NORMAL): 续贷邀约后已不符合续贷条件, 不能批准续贷");

    assertThatThrownBy(() -> completeAs("committee1", mine.getId(), Map.of(RenewalCommitteeVoteTaskListener.VOTE, "APPROVE",
        RenewalCommitteeVoteTaskListener.COMMENT, "经营稳定, 同意续贷")))
        .hasMessageContaining("借据 " + loan.loanId() + " 续贷邀约后已不符合续贷条件: 风险分类非正常, 委员不能投同意票, 请投反对票");
    assertThat(committee.votes(loan.loanId())).isEmpty();
    assertThat(voteTasks(instance)).hasSize(3);

    vote(loan, instance, "committee1", "REJECT", "已下调为次级");
    assertThat(committee.votes(loan.loanId())).extracting(RenewalCommitteeService.StoredVote::vote)
        .containsExactly(RenewalCommitteeService.Vote.REJECT);
  }

  /**
   * Another member asks for committee1's vote form over the engine REST API: refused as the engine refuses the read of a
   * task one may not read, and the opening asked nothing of the eligibility table nor rewrote the vote's 当前续贷资格;
   * committee1 opening it afterwards reads the loan as it stands.
   */
  @Test
  void aFormOpenedBySomeoneWhoMayNotReadTheVoteAsksAndWritesNothing() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SUBSTANDARD, today, "经营恶化, 现金流不足",
        "risk-officer"));
    Task mine = voteTasks(instance).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst().orElseThrow();
    long before = eligibilityDecisions();

    ApiClient.Response refused = api.get("/engine-rest/task/" + mine.getId() + "/form-variables", "committee2");

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(eligibilityDecisions() - before).as("renewal-eligibility evaluations for a refused reader").isZero();
    assertThat(taskService.getVariableLocal(mine.getId(), ELIGIBILITY_NOW)).isEqualTo("符合");

    ApiClient.Response opened = api.get("/engine-rest/task/" + mine.getId() + "/form-variables", "committee1");

    assertThat(opened.json().path(ELIGIBILITY_NOW).path("value").asText()).startsWith("不符合 (风险分类非正常");
  }

  /**
   * Each member's vote is created with its member assigned: the eligibility table is asked once for it (one decision in
   * the engine's decision history per vote), not once when it is created and again when it is assigned in the same step.
   */
  @Test
  void eachMembersVoteAsksTheEligibilityTableOnceAsTheVoteOpens() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    long before = eligibilityDecisions();

    loan.runJobs(instance);

    assertThat(voteTasks(instance)).hasSize(3).allSatisfy(vote ->
        assertThat(taskService.getVariableLocal(vote.getId(), ELIGIBILITY_NOW)).isEqualTo("符合"));
    assertThat(eligibilityDecisions() - before).as("renewal-eligibility evaluations as the vote opened").isEqualTo(3);
  }

  private long eligibilityDecisions() {
    return historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(LoanRenewalProcess.ELIGIBILITY_DECISION).count();
  }

  /**
   * Nobody voted by the deadline; the chair reopened the vote the day before the maturity and nobody voted again: the
   * maturity lapses the renewal, the open votes go with it, the borrower is told once (续贷未办理), and a member who
   * opens the vote afterwards is told in Chinese that it was withdrawn.
   */
  @Test
  void aReopenedVoteNobodyCastWhenTheLoanMaturesLapsesTheRenewalAndTheMembersAreToldTheirVoteWasWithdrawn() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    dayBeforeMaturityBegins(loan);
    loan.runJobs(instance);
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE);
    completeAs("committee-chair", chairTask(instance).getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        RenewalCommitteeResolutionTaskListener.REVOTE, ApproveRenewalTaskListener.NOTE, "委员均未在期限内表决, 请重新表决"));
    loan.runJobs(instance);
    Task vote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();
    assertThat(voteTasks(instance)).hasSize(3);

    maturityArrives(loan, instance);

    assertThat(voteTasks(instance)).isEmpty();
    assertThat(committee.votes(loan.loanId())).isEmpty();
    assertLapsedUndecided(loan, instance);
    ApiClient.Response late = api.post("/engine-rest/task/" + vote.getId() + "/complete", "committee2",
        "{\"variables\": {\"" + RenewalCommitteeVoteTaskListener.VOTE + "\": {\"value\": \"APPROVE\"}, \""
            + RenewalCommitteeVoteTaskListener.COMMENT + "\": {\"value\": \"同意\"}}}");
    assertThat(late.status()).as(late.body()).isEqualTo(400);
    assertThat(late.json().path("message").asText()).contains("待办 贷审会委员表决续贷 已撤销").contains("请刷新待办列表");
  }

  /**
   * What the borrower and staff see of a signed renewal the posting at maturity declined because the loan no longer met
   * the eligibility table: nothing posted, no new loan, the old loan still due as agreed; declined with the catalogue
   * text only; staff see the table's reason ({@code code}), the channel does not.
   */
  private void assertDeclinedAtMaturity(RenewalScenario loan, ProcessInstance instance, String code, String hidden) {
    assertThat(instance).hasPassed(TASK_POST_RENEWAL, BOUNDARY_NO_LONGER_ELIGIBLE, GATEWAY_NO_LONGER_ELIGIBLE_JOIN,
        TASK_NO_LONGER_ELIGIBLE_MAIL, END_NO_LONGER_ELIGIBLE).hasNotPassed(TASK_COMPLETED_MAIL, END_RENEWED).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.NO_LONGER_ELIGIBLE,
        LoanRenewalProcess.Flows.TO_NO_LONGER_ELIGIBLE_MAIL, LoanRenewalProcess.Flows.NO_LONGER_ELIGIBLE_MAILED)
        .doesNotContain(LoanRenewalProcess.Flows.RENEWAL_POSTED);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertDeclinedAsNoLongerEligible(loan, instance, code, hidden, loan.account().maturityDate());
  }

  /**
   * What the borrower and staff see of a signed renewal declined, before the maturity or at it, because the loan no
   * longer met the eligibility table: nothing posted, no new loan, the old loan active and due as agreed; declined on
   * {@code closedOn} with the catalogue text only; staff see the table's reason ({@code code}), the channel does not.
   */
  private void assertDeclinedAsNoLongerEligible(RenewalScenario loan, ProcessInstance instance, String code, String hidden,
      LocalDate closedOn) {
    assertThat(coreBanking.postingsOf(loan.loanId())).as("nothing posted for a loan no longer eligible").isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    LoanAccount old = loans.find(loan.loanId()).orElseThrow();
    assertThat(old.status()).isEqualTo(LoanAccount.ACTIVE);
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.customerReason()).isEqualTo("OVERALL_ASSESSMENT");
    assertThat(renewal.decidedBy()).as("who approved stays on record").isEqualTo(RenewalApprovalService.MODEL);
    assertThat(renewal.maturityDeclineReason()).startsWith("续贷邀约后已不符合续贷条件: ").contains(code);
    assertThat(renewal.closedOn()).isEqualTo(closedOn);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_DECLINED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains("经我行综合评估").doesNotContain(hidden)
        .doesNotContain(code);
    ApiClient.Response staff = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor");
    assertThat(staff.json().path("status").asText()).isEqualTo("DECLINED");
    assertThat(staff.json().path("maturityDeclineReason").asText()).contains(code);
    ApiClient.Response channel = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(channel.json().path("maturityDeclineReason").textValue()).as("not shown to the borrower").isNull();
    // A replayed posting job posts nothing either.
    assertThatThrownBy(() -> postings.post(loan.loanId())).hasMessageContaining("DECLINED");
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  /**
   * Approved by the model and signed, then a risk review downgrades the loan to 关注 before maturity: the posting asks
   * the eligibility table again, posts nothing and declines the renewal; the old loan falls due as agreed. Before, the
   * posting checked only the maturity instalment and a call-in, and the downgraded loan was renewed at maturity.
   */
  @Test
  void aLoanDowngradedAfterSigningIsNotRenewedAtMaturityAndTheRenewalEndsDeclined() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SPECIAL_MENTION, today, "主要客户流失, 列入关注",
        "risk-officer"));

    maturityArrives(loan, instance);

    assertDeclinedAtMaturity(loan, instance, "风险分类非正常", "关注");
  }

  /**
   * Signed, then a warning signal is reported and still being checked at maturity: not renewed, declined, the borrower
   * told the catalogue text only (nothing of the signal).
   */
  @Test
  void aSignedRenewalWhoseLoanHasAWarningSignalUnderCheckAtMaturityIsNotPosted() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    aSignalStillBeingCheckedOn(loan);

    maturityArrives(loan, instance);

    assertDeclinedAtMaturity(loan, instance, "SIGNAL_UNDER_CHECK", "预警");
  }

  /**
   * 复核续贷金额 after a prepayment, while the loan was downgraded since signing: RENEW_DUE is refused in Chinese with the
   * task left open for 不再续贷. Before, RENEW_DUE was accepted and the downgraded loan renewed at once.
   */
  @Test
  void renewingThePrincipalNowDueOfALoanDowngradedSinceSigningIsRefusedAndTheTaskStaysOpen() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);
    Task task = reviewTask(instance);
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SUBSTANDARD, loan.account().maturityDate(),
        "经营恶化, 现金流不足", "risk-officer"));

    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION,
        "RENEW_DUE", ReviewRenewalAmountTaskListener.NOTE, "同意按剩余本金续贷")))
        .hasMessageContaining("借据 " + loan.loanId() + " 续贷邀约后已不符合续贷条件: 风险分类非正常")
        .hasMessageContaining("不再续贷");

    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "LAPSE",
        ReviewRenewalAmountTaskListener.NOTE, "已下调为次级, 不再续贷"));
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_WITHDRAWN).isEnded();
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  /** Under post-loan monitoring, first check done, a signal of negative news reported (ORDINARY: the loan stays 正常). */
  private void aSignalStillBeingCheckedOn(RenewalScenario loan) {
    MonitoringScenario.of(loan.account(), processEngine, api, this::executeDueJobs, this::completeAs, loans, dailyClose)
        .firstCheck("NORMAL").report("remote-verifier", MonitoringScenario.signal("EVT-NEWS-" + loan.loanId(),
            "NEGATIVE_NEWS", "媒体报道企业涉诉", null));
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).as("an ordinary signal")
        .isEqualTo(Classification.NORMAL);
  }

  /**
   * A warning signal reported the day before the offer scan is still being checked: the loan is not offered, staff see
   * why (SIGNAL_UNDER_CHECK) and the borrower is told nothing. Before, an ORDINARY signal left the loan 正常 and the
   * renewal was offered while its check could still call the loan in.
   */
  @Test
  void aLoanWhoseWarningSignalIsStillBeingCheckedIsNotOfferedAndStaffSeeWhy() {
    RenewalScenario loan = strongLoan();
    aSignalStillBeingCheckedOn(loan);

    loan.scanNow();

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.NOT_ELIGIBLE);
    assertThat(renewal.eligibility().code()).isEqualTo("SIGNAL_UNDER_CHECK");
    assertThat(renewal.eligibility().reason()).isEqualTo("存在尚未核查完毕的预警信号");
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_OFFERED);
  }

  /**
   * A warning signal reported after the offer is still being checked when the borrower applies: the model declines the
   * renewal instead of approving it; the borrower is told the catalogue text only.
   */
  @Test
  void aRenewalAppliedForWhileASignalReportedAfterTheOfferIsBeingCheckedIsDeclinedByTheModel() {
    RenewalScenario loan = strongLoan().scanNow();
    aSignalStillBeingCheckedOn(loan);

    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.approvalRoute()).isEqualTo("REJECT");
    assertThat(renewal.contractNumber()).isNull();
    assertThat(renewal.decisionNote()).contains("SIGNAL_UNDER_CHECK");
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_DECLINED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains("经我行综合评估").doesNotContain("预警");
  }

  /**
   * The approver's form was read while the renewal awaited a decision; before the approver decides, another path ends the
   * renewal in a transaction of its own (here 终止续贷's record of a call-in, CALLED_IN, as a call-in that committed after
   * the form was read leaves it; {@code RenewalPostgresIT} makes the two meet under the row lock). The decision over the
   * engine REST API is refused with 400 and the Chinese line staff read, and writes nothing: before, it turned the
   * called-in renewal back into an approved one (APPLIED, decided by the approver) and sent the contract for signature.
   */
  @Test
  void aDecisionOnARenewalAnotherPathEndedMeanwhileIsRefusedAndLeavesTheRenewalAsThatPathLeftIt() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    callIns.recordCalledIn(loan.loanId());

    ApiClient.Response decided = api.post("/engine-rest/task/" + task + "/complete", "approver",
        "{\"variables\": {\"" + ApproveRenewalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
            + ApproveRenewalTaskListener.NOTE + "\": {\"value\": \"经营稳定, 同意续贷\"}}}");

    assertRefusedAsCalledIn(decided, loan.loanId());
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.decidedBy()).as("no decision recorded").isNull();
    loan.runJobs(instance);
    assertThat(instance).hasNotPassed(TASK_SEND_CONTRACT);
    assertThat(renewals.find(loan.loanId()).orElseThrow().contractNumber()).as("no contract sent").isNull();
  }

  /**
   * Two approvers decide the same renewal, one after the other (the second's form read before the first decided): the
   * second is refused naming who decided and how, and the first decision stands.
   */
  @Test
  void aSecondDecisionOnARenewalAlreadyDecidedIsRefusedNamingWhoDecided() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    renewals.decided(loan.loanId(), RenewalStatus.DECLINED, "approver", "不同意", "OVERALL_ASSESSMENT", clock.now(), today);

    assertThatThrownBy(() -> approvals.decide(new DecideRenewal(loan.loanId(), true, null, "同意", "approver2")))
        .isInstanceOf(StateConflictException.class)
        .hasMessage("借据 " + loan.loanId() + " 的续贷已由 approver 决定不批准, 无需再审批, 请刷新待办列表 (the renewal of loan "
            + loan.loanId() + " was declined by approver already; this decision is refused)");
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isEqualTo("approver");
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
  }

  @Test
  void aNoteOfAThousandCharactersIsKeptAndALongerOneIsRefusedWithTheTaskLeftOpen() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeAs("approver", task.getId(),
        Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE", ApproveRenewalTaskListener.NOTE, "意".repeat(1001))))
        .hasMessageContaining("最多 1000 字").hasMessageContaining("renewalDecisionNote");
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "意".repeat(1000)));
    assertThat(renewals.find(loan.loanId()).orElseThrow().decisionNote()).hasSize(1000);
  }

  @Test
  void aRenewalNotSignedByMaturityLapsesTheBorrowerIsToldAndNothingIsPosted() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(BOUNDARY_MATURED_UNSIGNED, TASK_LAPSE, TASK_LAPSED_MAIL, END_LAPSED)
        .hasNotPassed(TASK_POST_RENEWAL).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.LAPSED);
    assertThat(eSignature.status(envelopeId)).contains("CANCELLED");
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_LAPSED);
    // A signature reported after the lapse changes nothing.
    ApiClient.Response late = api.post("/api/loans/" + loan.loanId() + "/renewal/signature", CHANNEL,
        "{\"signatureId\":\"SIG-LATE\",\"signedAt\":\"" + clock.now().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().path("detail").asText()).isEqualTo("[NOT_AWAITING_SIGNATURE] 借据 " + loan.loanId()
        + " 的续贷不在待签约状态: " + RenewalStatus.LAPSED.label() + " (the renewal of loan " + loan.loanId()
        + " is LAPSED, not awaiting a signature)");
    // Nor can the borrower sign the withdrawn contract in the e-signature service any more: refused, not a server error.
    ApiClient.Response signLapsed = api.post("/api/sandbox/e-signature/renewals/" + loan.loanId() + "/sign", "admin", "{}");
    assertThat(signLapsed.status()).as(signLapsed.body()).isEqualTo(409);
    assertThat(signLapsed.json().path("detail").asText()).isEqualTo("电子签约信封 " + envelopeId
        + " 已被银行撤销, 合同不能再签署 (envelope " + envelopeId + " was cancelled by the bank and can no longer be signed)");
  }

  /** The first minute of the day before the loan's maturity date, China Standard Time. */
  private void dayBeforeMaturityBegins(RenewalScenario loan) {
    moveClockTo(loan.account().maturityDate().minusDays(1).atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
  }

  /**
   * The renewal was still undecided when the old loan matured: it lapsed at the maturity (到期仍未审批 on 人工审批续贷) with no
   * task, vote or job left, nothing sent for signature or posted, and the borrower was told once, in the customer's words,
   * that the application was not decided in time; the old loan falls due as agreed.
   */
  private void assertLapsedUndecided(RenewalScenario loan, ProcessInstance instance) {
    assertThat(instance).hasPassed(BOUNDARY_MATURED_UNDECIDED, TASK_LAPSE, TASK_LAPSED_MAIL, END_LAPSED)
        .hasNotPassed(TASK_SEND_CONTRACT, TASK_POST_RENEWAL).isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("open tasks").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("jobs").isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).as("incidents").isZero();
    LoanRenewal lapsed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(lapsed.status()).isEqualTo(RenewalStatus.LAPSED);
    assertThat(lapsed.closedOn()).isEqualTo(loan.account().maturityDate());
    assertThat(lapsed.contractNumber()).isNull();
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(view.json().path("status").asText()).isEqualTo("LAPSED");
    assertThat(view.json().path("statusLabel").asText()).isEqualTo("到期前未完成审批或签约, 续贷失效");
    // The next runs of the job executor find nothing more to do: one mail.
    moveClockBy(Duration.ofDays(1));
    loan.runJobs(instance);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_LAPSED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_LAPSED))
        .contains("提交的无还本续贷申请未能在原贷款到期日" + ChineseDates.day(loan.account().maturityDate()) + "前完成审批，已失效")
        .contains("原贷款已按合同约定到期")
        .doesNotContain("获批").doesNotContain("签署").doesNotContain("贷审会").doesNotContain("票");
  }

  @Test
  void aRenewalStillWaitingForItsApproverWhenTheLoanMaturesLapsesItsTaskIsCancelledAndTheBorrowerIsToldOnce() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    dayBeforeMaturityBegins(loan);
    loan.runJobs(instance);
    assertThat(instance).as("nothing ends it before the maturity").isWaitingAt(TASK_APPROVE_RENEWAL);

    maturityArrives(loan, instance);

    assertLapsedUndecided(loan, instance);
    // The approver who opens the task afterwards is told it was withdrawn, not given a server error.
    ApiClient.Response late = api.post("/engine-rest/task/" + task + "/complete", "approver",
        "{\"variables\": {\"" + ApproveRenewalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}}}");
    assertThat(late.status()).as(late.body()).isEqualTo(400);
    assertThat(late.json().path("message").asText()).contains("待办 审批续贷申请 已撤销");
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
  }

  /**
   * The approver decides after the old loan matured but before the job executor ran 到期仍未审批: refused, the task left
   * as it is, no contract sent; the timer then lapses the renewal as if nobody had tried.
   */
  @Test
  void anApprovalAfterTheMaturityBeforeTheTimerRanIsRefusedAndTheRenewalLapsesWithoutAContract() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

    completedAfterTheMaturityIsRefused(loan, "approver", task, ApproveRenewalTaskListener.DECISION,
        ApproveRenewalTaskListener.NOTE);

    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL).hasNotPassed(TASK_SEND_CONTRACT);
    LoanRenewal undecided = renewals.find(loan.loanId()).orElseThrow();
    assertThat(undecided.decidedBy()).isNull();
    assertThat(undecided.status()).isEqualTo(RenewalStatus.APPLIED);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED);

    loan.runJobs(instance);

    assertLapsedUndecided(loan, instance);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
  }

  /**
   * Moves the engine clock into the maturity date's first minute (to 到期仍未审批's due time, the job not run) and
   * completes the task as {@code user} over the engine REST API, approving: refused with 400 and the message the
   * staff read, the task still there.
   */
  private void completedAfterTheMaturityIsRefused(RenewalScenario loan, String user, String task, String decision,
      String note) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));

    ApiClient.Response late = api.post("/engine-rest/task/" + task + "/complete", user,
        "{\"variables\": {\"" + decision + "\": {\"value\": \"APPROVE\"}, \"" + note + "\": {\"value\": \"经营稳定, 同意续贷\"}}}");

    assertThat(late.status()).as(late.body()).isEqualTo(400);
    assertThat(late.json().path("message").asText()).contains("续贷 " + loan.loanId() + " 的原借据已于"
        + ChineseDates.day(loan.account().maturityDate()) + "到期, 续贷审批已失效, 无需再办理, 请刷新待办列表");
    assertThat(taskService.createTaskQuery().taskId(task).singleResult()).as("the task as it was").isNotNull();
  }

  /**
   * A member votes after the old loan matured but before 到期仍未审批 ran (the vote began the day before): refused as the
   * approver is, nothing recorded; the timer lapses it.
   */
  @Test
  void aCommitteeVoteAfterTheMaturityBeforeTheTimerRanIsRefusedAndTheRenewalLapses() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = votingBegunTheDayBeforeMaturity(loan);
    Task vote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();

    completedAfterTheMaturityIsRefused(loan, "committee2", vote.getId(), RenewalCommitteeVoteTaskListener.VOTE,
        RenewalCommitteeVoteTaskListener.COMMENT);

    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(TASK_TALLY_VOTES);
    assertThat(committee.votes(loan.loanId())).isEmpty();
    assertThat(voteTasks(instance)).hasSize(2);

    loan.runJobs(instance);

    assertLapsedUndecided(loan, instance);
  }

  /** The chair signs the committee's resolution after the old loan matured but before 到期仍未审批 ran: refused; the timer lapses it. */
  @Test
  void theChairsResolutionAfterTheMaturityBeforeTheTimerRanIsRefusedAndTheRenewalLapsesWithoutAContract() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    Task resolution = chairTask(instance);

    completedAfterTheMaturityIsRefused(loan, "committee-chair", resolution.getId(), ApproveRenewalTaskListener.DECISION,
        ApproveRenewalTaskListener.NOTE);

    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION).hasNotPassed(TASK_SEND_CONTRACT);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();

    loan.runJobs(instance);

    assertLapsedUndecided(loan, instance);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
  }

  /**
   * The committee's vote began late (it waited in an incident for a member who may vote until the day before the
   * maturity; three working days would end only after it), and a member has voted: the maturity ends it.
   */
  @Test
  void aRenewalWhoseCommitteeIsStillVotingWhenTheLoanMaturesLapsesItsVotesAreCancelledAndTheBorrowerIsToldOnce() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = votingBegunTheDayBeforeMaturity(loan);
    vote(loan, instance, "committee2", "APPROVE", "同意");
    assertThat(voteTasks(instance)).hasSize(1);

    maturityArrives(loan, instance);

    assertThat(voteTasks(instance)).isEmpty();
    assertThat(instance).hasNotPassed(TASK_TALLY_VOTES, TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertLapsedUndecided(loan, instance);
  }

  /**
   * The renewal's committee vote waited in an incident for a member who may vote (only committee1, the loan's customer
   * manager, was in the committee) until the day before the maturity, when the administrator retried it: committee2 and
   * committee3 vote, and their three working days end only after the maturity.
   */
  private ProcessInstance votingBegunTheDayBeforeMaturity(RenewalScenario loan) {
    ProcessInstance instance;
    Job stuck;
    identityService.deleteMembership("committee3", Groups.CREDIT_COMMITTEE);
    identityService.deleteMembership("committee2", Groups.CREDIT_COMMITTEE);
    customerManagerOf(loan, "committee1");
    try {
      assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
      instance = loan.renewal();
      stuck = managementService.createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
      assertThatThrownBy(() -> managementService.executeJob(stuck.getId())).hasMessageContaining("贷审会没有可以表决借据");
    } finally {
      List.of("committee2", "committee3").forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }
    dayBeforeMaturityBegins(loan);
    managementService.setJobRetries(stuck.getId(), 1);
    loan.runJobs(instance);
    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee2", "committee3");
    return instance;
  }

  @Test
  void aRenewalWhoseChairHasNotSignedTheResolutionWhenTheLoanMaturesLapsesAndTheTaskIsCancelled() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "同意");
    vote(loan, instance, "committee3", "APPROVE", "同意");
    assertThat(chairTask(instance)).isNotNull();

    maturityArrives(loan, instance);

    assertLapsedUndecided(loan, instance);
  }

  @Test
  void aCommitteeStillWithNobodyWhoMayVoteWhenTheLoanMaturesLapsesTheRenewalAndItsIncidentGoes() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    customerManagerOf(loan, "committee1");
    List.of("committee2", "committee3").forEach(member -> identityService.deleteMembership(member, Groups.CREDIT_COMMITTEE));
    ProcessInstance instance;
    try {
      assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
      instance = loan.renewal();
      Job stuck = managementService.createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
      assertThatThrownBy(() -> managementService.executeJob(stuck.getId())).hasMessageContaining("贷审会没有可以表决借据");
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

      maturityArrives(loan, instance);
    } finally {
      List.of("committee2", "committee3").forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }

    assertThat(voteTasks(instance)).isEmpty();
    assertLapsedUndecided(loan, instance);
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(instance.getId()).singleResult().isOpen())
        .as("the incident closed with the renewal").isFalse();
  }

  @Test
  void aRenewalApprovedTheDayBeforeMaturityIsSentForSignatureAndRenewedAtMaturityAsAnyOther() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    dayBeforeMaturityBegins(loan);
    loan.runJobs(instance);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "经营稳定, 同意续贷"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_APPROVE_RENEWAL, TASK_SEND_CONTRACT, TASK_CONTRACT_MAIL)
        .hasNotPassed(BOUNDARY_MATURED_UNDECIDED).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).activityId(BOUNDARY_MATURED_UNDECIDED)
        .count()).as("the decision's maturity timer ended with the decision").isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.APPROVED);
    assertThat(loan.signAndReport().status()).isEqualTo(200);

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, END_RENEWED).hasNotPassed(TASK_LAPSE).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_COMPLETED);
  }

  @Test
  void theSandboxsMaturityCallLapsesARenewalStillAwaitingItsDecision() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);

    assertThat(api.post("/api/sandbox/renewals/loans/" + loan.loanId() + "/maturity", "admin", "{}").status())
        .isEqualTo(202);
    loan.runJobs(instance);

    assertThat(instance).hasPassed(BOUNDARY_MATURED_UNDECIDED, END_LAPSED).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.LAPSED);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_LAPSED);
  }

  @Test
  void aSecondApplicationIsRefusedAndStartsNoSecondRenewal() {
    RenewalScenario loan = strongLoan().scanNow();
    assertThat(loan.apply("REQ-A-" + loan.loanId()).status()).isEqualTo(201);

    ApiClient.Response second = loan.apply("REQ-B-" + loan.loanId());

    assertThat(second.status()).isEqualTo(409);
    JsonNode problem = second.json();
    assertThat(problem.path("detail").asText()).contains("ALREADY_APPLIED");
    assertThat(loan.renewalInstances()).isEqualTo(1);
  }

  @Test
  void aReplayedMaturityJobPostsNothingTwice() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    maturityArrives(loan, instance);
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();

    // What a second run of the posting job (lock expiry, a crash after the commit) would do.
    RenewalPostingService.Result again = postings.post(loan.loanId());

    assertThat(again.outcome()).isEqualTo(RenewalPostingService.Outcome.RENEWED);
    assertThat(again.newLoan().loanId()).isEqualTo(renewed.newLoanId());
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isEqualTo(1L);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(renewed.newLoanId()).count()).isEqualTo(1);
    assertThat(loans.ledger(loan.loanId()).get(11).principalPaid()).isEqualByComparingTo(new BigDecimal(RenewalScenario.PRINCIPAL));
  }

  @Test
  void aRepaymentArrivingWhileCoreBankingPostsTheRenewalIsAnsweredAtOnceAndTheMoneyLentIsBooked() throws Exception {
    RenewalScenario loan = signedAtTheFirstMinuteOfItsMaturity();
    LocalDate maturity = loan.account().maturityDate();
    faults.answerSlowly(Duration.ofSeconds(30), 1);
    java.util.concurrent.ExecutorService maturityJob = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<RenewalPostingService.Result> posting = maturityJob.submit(() -> postings.post(loan.loanId()));
      // Core banking is lending the renewal (the slow answer taken) when core banking's repayment feed reports a debit
      // of the maturity date. Before, the repayment went in beside the posting, the ledger then refused to book the
      // renewal (the principal due at maturity had changed) and the money lent stayed with no loan of ours.
      long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (faults.pendingSlowAnswers() > 0 && System.nanoTime() < giveUp) {
        Thread.onSpinWait();
      }
      ApiClient.Response repaid = api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
          "{\"transactionId\":\"TX-RN-RACE-" + loan.loanId() + "\",\"amount\":20000.00,\"valueDate\":\"" + maturity + "\"}");

      assertThat(posting.isDone()).as("the repayment answered while core banking still held the posting open").isFalse();
      faults.answerNow();
      RenewalPostingService.Result result = posting.get(30, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(result.outcome()).isEqualTo(RenewalPostingService.Outcome.RENEWED);
      assertThat(coreBanking.postingsOf(loan.loanId())).singleElement()
          .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL));
      assertThat(loans.findRenewalOf(loan.loanId())).hasValueSatisfying(renewed ->
          assertThat(renewed.principal()).isEqualByComparingTo(RenewalScenario.PRINCIPAL));
      assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.RENEWED);
      // The ledger takes the principal due at maturity as being repaid by the renewal: the old loan owes the maturity
      // interest only, so 20,000 is refused naming the payoff amount, and nothing of it is stored.
      assertThat(repaid.status()).as(repaid.body()).isEqualTo(400);
      assertThat(repaid.json().get("errors").get(0).get("code").asText()).isEqualTo("EXCEEDS_PAYOFF");
      assertThat(loans.ledger(loan.loanId()).get(11).principalPaid()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    } finally {
      maturityJob.shutdownNow();
    }
  }

  @Test
  void aRepaymentBetweenAPostingWhoseAnswerWasLostAndItsRetryLeavesTheRenewalToAnOperatorNotToTheAmountReview() {
    RenewalScenario loan = signedAtTheFirstMinuteOfItsMaturity();
    LocalDate maturity = loan.account().maturityDate();
    faults.failAfterPosting(1);
    assertThatThrownBy(() -> postings.post(loan.loanId())).isInstanceOf(com.smeloanflow.disbursement.CoreBankingUnavailableException.class);
    assertThat(coreBanking.postingsOf(loan.loanId())).as("core banking lent the renewal; its answer was lost").hasSize(1);
    // Before the job's retry, core banking's feed reports a debit of the maturity date: the principal due changes.
    loan.repay(new BigDecimal("20000.00"), maturity);

    // Before, the retry saw the changed amount and asked for 复核续贷金额 (or, all prepaid, ended the renewal) as if
    // nothing had been posted: the money lent stayed in core banking with no loan of ours.
    assertThatThrownBy(() -> postings.post(loan.loanId()))
        .isInstanceOf(RenewalPostedWhileAmountChangedException.class)
        .hasMessageContaining(loan.loanId()).hasMessageContaining(coreBanking.postingsOf(loan.loanId()).get(0).postingReference())
        .hasMessageContaining(RenewalPostingService.idempotencyKey(loan.loanId()))
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThanOrEqualTo(666));

    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).as("nothing written: an operator decides").isEqualTo(RenewalStatus.SIGNED);
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(coreBanking.postingsOf(loan.loanId())).as("nothing posted again").hasSize(1);
  }

  /** A renewal applied for and signed, the clock at the first minute of the old loan's maturity date (no job run). */
  private RenewalScenario signedAtTheFirstMinuteOfItsMaturity() {
    RenewalScenario loan = strongLoan().scanNow();
    applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    return loan.paidOnTimeBefore(loan.account().maturityDate(), loans);
  }

  /**
   * The maturity has come: the engine clock at its first minute and the timers run, so that the posting job (办理续贷转贷,
   * asynchronous) waits for the job executor, not yet run. @return that job
   */
  private Job postingJobWaiting(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    for (List<Job> timers = managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().list();
        !timers.isEmpty();
        timers = managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable().list()) {
      timers.forEach(timer -> managementService.executeJob(timer.getId()));
    }
    Job posting = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL)
        .singleResult();
    assertThat(posting).as("the posting job of %s", loan.loanId()).isNotNull();
    return posting;
  }

  /** What a run of the posting that died after its first step leaves behind: the posting recorded as under way. */
  private java.time.Instant postingRecordedByARunThatDied(RenewalScenario loan) {
    return new org.springframework.transaction.support.TransactionTemplate(transactionManager)
        .execute(status -> loans.renewalPostingStarted(loan.loanId(), new BigDecimal(RenewalScenario.PRINCIPAL)));
  }

  private ApiClient.Response repayment(RenewalScenario loan, String transactionId, String amount, LocalDate valueDate) {
    return api.post("/api/loans/" + loan.loanId() + "/repayments", "core-banking",
        "{\"transactionId\":\"" + transactionId + "\",\"amount\":" + amount + ",\"valueDate\":\"" + valueDate + "\"}");
  }

  @Test
  void aRenewalCancelledInCockpitAfterItsPostingWasRecordedNoLongerHoldsUpRepaymentsOfTheMaturityPrincipal() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    postingJobWaiting(loan, instance);
    postingRecordedByARunThatDied(loan);
    LocalDate maturity = loan.account().maturityDate();
    ApiClient.Response refused = repayment(loan, "TX-RN-HELD-" + loan.loanId(), "20000.00", maturity);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("正由续贷归还");
    // the run that wrote it died: its job's lock has run out since, so no run of it is waiting for core banking any more
    moveClockBy(Duration.ofMillis(lockTimeInMillis).plusSeconds(1));

    // The operator gives the renewal up in Cockpit (custom listeners skipped, as Cockpit offers)
    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    // Before, the record stayed for good: every repayment of the principal due at maturity was refused from then on.
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("the posting is no longer recorded as under way").isEmpty();
    loan.repay(new BigDecimal("20000.00"), maturity);
    assertThat(loans.ledger(loan.loanId()).get(11).principalPaid()).as("the maturity principal repaid in part").isPositive();
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  @Test
  void aSignedRenewalCancelledInCockpitShowsAsCancelledNotAsStillUnderWay() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL).json().path("status").asText())
        .isEqualTo("SIGNED");

    // The operator gives the renewal up in Cockpit (custom listeners skipped, as Cockpit offers)
    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    // Before, it stayed SIGNED (已签约, 到期日办理续贷) for good, though nothing would ever post it.
    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL);
    assertThat(view.status()).as(view.body()).isEqualTo(200);
    assertThat(view.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(view.json().path("statusLabel").asText()).as("the borrower's words: no operator named")
        .isEqualTo("续贷已终止, 原贷款按约到期");
    assertThat(view.json().path("closedOn").asText()).isEqualTo(clock.today().toString());
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  @Test
  void anApprovedRenewalCancelledBeforeItWasSignedShowsAsCancelledToStaff() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", "approver").json().path("status").asText())
        .isEqualTo("APPROVED");

    // cancelled over the engine API, custom listeners not skipped
    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", false);

    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", "approver");
    assertThat(view.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(view.json().path("statusLabel").asText()).isEqualTo(RenewalStatus.CANCELLED.label());
  }

  @Test
  void anApprovedRenewalCancelledInCockpitHasItsContractCancelledInTheESignatureService() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();
    assertThat(eSignature.status(envelopeId)).contains("SENT");

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);
    envelopeCancellations.cancelDue();

    // Before, the envelope stayed open: the borrower was still shown a contract to sign that the bank no longer honoured.
    assertThat(eSignature.status(envelopeId)).contains("CANCELLED");
    ApiClient.Response sign = api.post("/api/sandbox/e-signature/renewals/" + loan.loanId() + "/sign", "admin", "{}");
    assertThat(sign.status()).as(sign.body()).isEqualTo(409);
    assertThat(sign.json().path("detail").asText()).contains("已被银行撤销, 合同不能再签署");
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).as("cancelled once, not asked again")
        .extracting(RenewalRepository.EnvelopeToCancel::loanId).doesNotContain(loan.loanId());
  }

  @Test
  void aRenewalCancelledWhileTheESignatureServiceIsDownIsCancelledAndItsEnvelopeOnceTheServiceIsBack(CapturedOutput log) {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();
    eSignature.downFor(Integer.MAX_VALUE);

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    // The cancellation itself neither fails nor waits for the e-signature service.
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", "approver").json().path("status").asText())
        .isEqualTo("CANCELLED");
    envelopeCancellations.cancelDue();
    assertThat(eSignature.status(envelopeId)).as("the service is down").contains("SENT");
    assertThat(log.getOut()).contains("Loan " + loan.loanId() + ": the renewal ended, but the e-signature service "
        + "could not cancel its contract's envelope " + envelopeId);

    eSignature.up();
    envelopeCancellations.cancelDue();

    assertThat(eSignature.status(envelopeId)).as("cancelled by the next poll once the service is back").contains("CANCELLED");
  }

  @Test
  void anEnvelopeTheESignatureServiceAlwaysRefusesToCancelDoesNotHoldBackANewerCancellation(CapturedOutput log) {
    RenewalScenario first = strongLoan().scanNow();
    ProcessInstance firstInstance = applied(first);
    RenewalScenario second = strongLoan().scanNow();
    ProcessInstance secondInstance = applied(second);
    // The refused one is the one the poll took first before (cancelled the same day, the lower loan id).
    boolean firstIsLower = first.loanId().compareTo(second.loanId()) < 0;
    RenewalScenario refused = firstIsLower ? first : second;
    RenewalScenario newer = firstIsLower ? second : first;
    String refusedEnvelope = renewals.find(refused.loanId()).orElseThrow().envelopeId();
    String newerEnvelope = renewals.find(newer.loanId()).orElseThrow().envelopeId();
    envelopeCancellations.cancelDue(); // envelopes other tests left to cancel
    RenewalEnvelopeCancellations oneAPoll = new RenewalEnvelopeCancellations(renewals, eSignature, clock, 1, 2);
    eSignature.refuseToCancel(refusedEnvelope);

    runtimeService.deleteProcessInstance((refused == first ? firstInstance : secondInstance).getId(), "运维人员取消续贷", true);
    assertThat(oneAPoll.cancelDue()).as("the service refuses it").isZero();
    runtimeService.deleteProcessInstance((newer == first ? firstInstance : secondInstance).getId(), "运维人员取消续贷", true);
    assertThat(oneAPoll.cancelDue()).isOne();

    // Before, the refused envelope came first at every poll, and the newer cancellation's envelope was never cancelled.
    assertThat(eSignature.status(newerEnvelope)).contains("CANCELLED");
    assertThat(eSignature.status(refusedEnvelope)).contains("SENT");
    assertThat(log.getOut()).doesNotContain("has refused 2 times to cancel the envelope " + refusedEnvelope);
    assertThat(oneAPoll.cancelDue()).as("asked again, refused again").isZero();
    assertThat(log.getOut()).contains("Loan " + refused.loanId() + ": the e-signature service has refused 2 times to cancel "
        + "the envelope " + refusedEnvelope + " of the ended renewal");

    eSignature.up();
    assertThat(oneAPoll.cancelDue()).as("not given up: cancelled once the service accepts").isOne();
    assertThat(eSignature.status(refusedEnvelope)).contains("CANCELLED");
  }

  @Test
  void aSignedRenewalCancelledInCockpitKeepsItsSignedContract() {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);
    envelopeCancellations.cancelDue();

    // Nothing is left for the borrower to sign; the signature stays on record.
    assertThat(eSignature.status(envelopeId)).contains("SIGNED");
  }

  @Test
  void aRenewalCancelledAfterCoreBankingBookedItsPostingKeepsTheRecordForAnOperator(CapturedOutput log) {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    postingJobWaiting(loan, instance);
    postingRecordedByARunThatDied(loan);
    CorePosting booked = coreBanking.disburse(new com.smeloanflow.disbursement.DisbursementOrder(
        RenewalPostingService.idempotencyKey(loan.loanId()), loan.loanId(), loan.account().borrowerName(),
        loan.account().creditCode(), "借新还旧:" + loan.loanId(), new BigDecimal(RenewalScenario.PRINCIPAL)));
    moveClockBy(Duration.ofMillis(lockTimeInMillis).plusSeconds(1));

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("money moved: the principal stays taken as being repaid")
        .isPresent();
    assertThat(repayment(loan, "TX-RN-KEPT-" + loan.loanId(), "20000.00", loan.account().maturityDate()).status())
        .isEqualTo(400);
    assertThat(log.getOut()).contains("ERROR").contains(loan.loanId()).contains(booked.postingReference());
  }

  @Test
  void aRenewalCancelledWhileItsPostingMayStillBeWaitingForCoreBankingKeepsTheRecordUntilTheJobLockHasRunOut(
      CapturedOutput log) {
    RenewalScenario loan = strongLoan().scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    postingJobWaiting(loan, instance);
    // The posting job's run recorded its posting and now waits for core banking (no lock held) ...
    java.time.Instant recorded = postingRecordedByARunThatDied(loan);

    // ... when the operator gives the renewal up in Cockpit (custom listeners skipped)
    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    // Before, the record was withdrawn at once (core banking had booked nothing yet): the call then posted, and money
    // moved that neither the ledger nor the record showed, while repayments of the same principal went in.
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("the run may still post: the record stays").isPresent();
    java.time.Instant withdrawable = recorded.plusMillis(lockTimeInMillis);
    assertThat(log.getOut()).contains("WARN").contains(loan.loanId())
        .contains("POST /api/admin/renewal-postings/" + loan.loanId() + "/withdrawal").contains(withdrawable.toString());
    ApiClient.Response refused = repayment(loan, "TX-RN-FLIGHT-" + loan.loanId(), "20000.00", loan.account().maturityDate());
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("正由续贷归还");

    // the call in flight posts after all; once the lock has run out an operator learns of it instead of withdrawing
    CorePosting landed = coreBanking.disburse(new com.smeloanflow.disbursement.DisbursementOrder(
        RenewalPostingService.idempotencyKey(loan.loanId()), loan.loanId(), loan.account().borrowerName(),
        loan.account().creditCode(), "借新还旧:" + loan.loanId(), new BigDecimal(RenewalScenario.PRINCIPAL)));
    moveClockTo(withdrawable.plusSeconds(1));
    ApiClient.Response withdrawal = api.post("/api/admin/renewal-postings/" + loan.loanId() + "/withdrawal", "admin", null);
    assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(409);
    assertThat(withdrawal.json().path("detail").asText()).contains(landed.postingReference());
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isPresent();
  }

  @Test
  void aFailedCallOfARunWhoseJobRanAgainMeanwhileLeavesTheSecondRunsPostingRecordedAndItRenewsOnce() throws Exception {
    RenewalScenario loan = signedAtTheFirstMinuteOfItsMaturity();
    LocalDate maturity = loan.account().maturityDate();
    // the first run's call: core banking slow, then it posts and the answer is lost
    faults.answerSlowly(Duration.ofSeconds(3), 1);
    faults.failAfterPosting(1);
    java.util.concurrent.ExecutorService firstRun = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<RenewalPostingService.Result> first = firstRun.submit(() -> postings.post(loan.loanId()));
      long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (faults.pendingSlowAnswers() > 0 && System.nanoTime() < giveUp) {
        Thread.onSpinWait();
      }
      assertThat(faults.pendingSlowAnswers()).as("the first run waits for core banking").isZero();
      // Its job's lock expires meanwhile and the job runs again: the second run records its own posting under way.
      moveClockBy(Duration.ofMinutes(6));
      postingRecordedByARunThatDied(loan);

      faults.answerNow();
      assertThatThrownBy(() -> first.get(30, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(com.smeloanflow.disbursement.CoreBankingUnavailableException.class);

      // Before, the first run's failure removed the second run's record: this repayment went in while the second run's
      // posting was under way, and the renewal could no longer be booked (the principal due at maturity had changed).
      ApiClient.Response repaid = repayment(loan, "TX-RN-2ND-" + loan.loanId(), "20000.00", maturity);
      assertThat(repaid.status()).as(repaid.body()).isEqualTo(400);
      assertThat(repaid.body()).contains("正由续贷归还");
      assertThat(loans.renewalPostingUnderWay(loan.loanId())).isPresent();

      RenewalPostingService.Result second = postings.post(loan.loanId());
      assertThat(second.outcome()).isEqualTo(RenewalPostingService.Outcome.RENEWED);
      assertThat(coreBanking.postingsOf(loan.loanId())).singleElement()
          .satisfies(p -> assertThat(p.amount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL));
      assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.RENEWED);
      assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    } finally {
      firstRun.shutdownNow();
    }
  }

  @Test
  void aRunThatFindsTheMaturityOverdueWhileAnotherRunsPostingMayStillLandLeavesThatRecordAndDecidesNothingYet() {
    RenewalScenario loan = scenario(57, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    LocalDate maturity = loan.account().maturityDate();
    // A run of the posting, late, records its posting under way and waits for core banking ...
    moveClockTo(maturity.plusDays(1).atTime(0, 28).atZone(BusinessClock.BANK_ZONE).toInstant());
    postingRecordedByARunThatDied(loan);
    // ... while the daily close of the maturity date counts the maturity principal overdue
    moveClockTo(maturity.plusDays(1).atTime(0, 30).atZone(BusinessClock.BANK_ZONE).toInstant());
    dailyClose.close(maturity);
    assertThat(loans.ledger(loan.loanId()).get(11).status()).isEqualTo(InstalmentStatus.OVERDUE);

    // A second run of the job, three minutes after the first recorded its posting, finds the maturity overdue. Before, it
    // ended the first run's record and the renewal (MATURITY_OVERDUE); the first run's call then posted: money moved that
    // nothing showed.
    moveClockTo(maturity.plusDays(1).atTime(0, 31).atZone(BusinessClock.BANK_ZONE).toInstant());
    assertThatThrownBy(() -> postings.post(loan.loanId())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("may still be waiting for core banking");
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("the first run's record stays").isPresent();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.SIGNED);

    // the first run's call posts after all; the job's retry, ten minutes on, finds it and stops for an operator
    coreBanking.disburse(new com.smeloanflow.disbursement.DisbursementOrder(RenewalPostingService.idempotencyKey(loan.loanId()),
        loan.loanId(), loan.account().borrowerName(), loan.account().creditCode(), "借新还旧:" + loan.loanId(),
        new BigDecimal(RenewalScenario.PRINCIPAL)));
    moveClockBy(Duration.ofMinutes(10));
    assertThatThrownBy(() -> postings.post(loan.loanId())).isInstanceOf(RenewalPostedWhileOverdueException.class);
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isPresent();
  }

  /** A GROWTH loan of 6,000,000 CNY: the borrower's exposure is above an approver's 5,000,000, so the committee votes. */
  private RenewalScenario loanForTheCommittee() {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today, 45,
        ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00");
  }

  private List<Task> voteTasks(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_COMMITTEE_VOTE).list();
  }

  /** The member completes the vote assigned to them (as themselves, authenticated). */
  private void vote(RenewalScenario loan, ProcessInstance instance, String member, String vote, String reasons) {
    Task task = voteTasks(instance).stream().filter(t -> member.equals(t.getAssignee())).findFirst()
        .orElseThrow(() -> new AssertionError("no vote task of " + member));
    completeAs(member, task.getId(), Map.of(RenewalCommitteeVoteTaskListener.VOTE, vote,
        RenewalCommitteeVoteTaskListener.COMMENT, reasons));
    loan.runJobs(instance);
  }

  private Task chairTask(ProcessInstance instance) {
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_DECIDE_COMMITTEE_RESOLUTION)
        .singleResult();
  }

  /** Accountability's record that {@code user} answers for the loan as its customer manager (管户客户经理). */
  private void customerManagerOf(RenewalScenario loan, String user) {
    jdbc.sql("""
        INSERT INTO managed_loan (loan_id, application_id, branch_code, customer_manager, source, assigned_at)
        VALUES (:loan, :application, 'ZY001', :user, 'FIELD_INVESTIGATION', CURRENT_TIMESTAMP)""")
        .param("loan", loan.loanId()).param("application", loan.account().applicationId()).param("user", user).update();
  }

  private ApiClient.Response claimOverRest(String user, Task task) {
    return api.post("/engine-rest/task/" + task.getId() + "/claim", user, "{\"userId\":\"" + user + "\"}");
  }

  @Test
  void aRenewalAboveAnApproversAuthorityIsVotedByTheCommitteeAndAMajorityToApproveIsSignedByTheChair() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);

    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(voteTasks(instance)).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("committee1", "committee2", "committee3");
    assertThat(voteTasks(instance)).allSatisfy(task -> assertThat(task.getName()).isEqualTo("贷审会委员表决续贷"));
    assertThat(taskService.getVariablesLocal(voteTasks(instance).get(0).getId()))
        .containsEntry("renewalAmountText", "6000000.00").containsEntry("loanNumber", loan.loanId());

    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");

    // A majority of the three approved: the third vote is withdrawn and the chair signs or vetoes.
    assertThat(voteTasks(instance)).isEmpty();
    Task resolution = chairTask(instance);
    assertThat(resolution.getName()).isEqualTo("签发续贷贷审会决议");
    assertThat(taskService.getIdentityLinksForTask(resolution.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo(Groups.CREDIT_COMMITTEE_CHAIR));
    Map<String, Object> shown = taskService.getVariablesLocal(resolution.getId());
    assertThat((String) shown.get("renewalCommitteeTallyText")).contains("同意 2 票").contains("委员 3 人");
    assertThat((String) shown.get("renewalCommitteeVotesText")).contains("committee1: 同意, 经营稳定, 同意续贷");
    assertThat((String) shown.get("renewalCommitteeAskText")).contains("多数同意");

    completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "签发决议"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_TALLY_VOTES, TASK_DECIDE_COMMITTEE_RESOLUTION, TASK_SEND_CONTRACT)
        .isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.BY_COMMITTEE_YES,
        LoanRenewalProcess.Flows.COMMITTEE_REJECTED_NO, LoanRenewalProcess.Flows.COMMITTEE_REVOTE_NO)
        .doesNotContain(LoanRenewalProcess.Flows.BY_COMMITTEE_NO, LoanRenewalProcess.Flows.COMMITTEE_REVOTE_YES);
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.approvalRoute()).isEqualTo("COMMITTEE");
    assertThat(renewal.decidedBy()).isEqualTo("committee-chair");
    assertThat(renewal.status()).isEqualTo(RenewalStatus.APPROVED);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY);
  }

  /**
   * Four members, each with the 1,000 characters of reasons a vote allows, tie: the chair's task is created showing every
   * member's vote, the longest reasons shortened, instead of failing the last vote (every reason in full passed the
   * engine's 4,000 characters).
   */
  @Test
  void fourLongVotesLeaveTheChairsTaskCreatedShowingEveryMembersVote() {
    org.camunda.bpm.engine.identity.User fourth = identityService.newUser("committee4");
    fourth.setFirstName("委员");
    fourth.setLastName("钱");
    identityService.saveUser(fourth);
    identityService.createMembership("committee4", Groups.CREDIT_COMMITTEE);
    try {
      RenewalScenario loan = loanForTheCommittee().scanNow();
      ProcessInstance instance = applied(loan);
      assertThat(voteTasks(instance)).hasSize(4);

      vote(loan, instance, "committee1", "APPROVE", "甲".repeat(1000));
      vote(loan, instance, "committee2", "REJECT", "乙".repeat(1000));
      vote(loan, instance, "committee3", "APPROVE", "丙".repeat(1000));
      vote(loan, instance, "committee4", "REJECT", "丁".repeat(1000));

      String votes = (String) taskService.getVariableLocal(chairTask(instance).getId(), "renewalCommitteeVotesText");
      assertThat(votes).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
          .contains("- committee1: 同意, 甲甲", "- committee2: 反对, 乙乙", "- committee3: 同意, 丙丙", "- committee4: 反对, 丁丁")
          .contains(FormText.CUT);
      assertThat((String) taskService.getVariableLocal(chairTask(instance).getId(), "renewalCommitteeTallyText"))
          .contains("同意 2 票, 反对 2 票, 未表决 0 人, 委员 4 人");
    } finally {
      identityService.deleteUser("committee4");
    }
  }

  @Test
  void aVoteWithReasonsOfAThousandCharactersIsKeptAndLongerReasonsAreRefusedWithTheVoteLeftOpen() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    Task task = voteTasks(instance).stream().filter(t -> "committee1".equals(t.getAssignee())).findFirst().orElseThrow();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeAs("committee1", task.getId(),
        Map.of(RenewalCommitteeVoteTaskListener.VOTE, "APPROVE", RenewalCommitteeVoteTaskListener.COMMENT, "理".repeat(1001))))
        .hasMessageContaining("最多 1000 字").hasMessageContaining("renewalVoteComment");
    assertThat(voteTasks(instance)).extracting(Task::getId).contains(task.getId());
    assertThat(committee.votes(loan.loanId())).isEmpty();

    vote(loan, instance, "committee1", "APPROVE", "理".repeat(1000));
    assertThat(committee.votes(loan.loanId())).singleElement()
        .satisfies(stored -> assertThat(stored.comment()).hasSize(1000));
  }

  @Test
  void aMemberVotingOnARenewalTheMajorityDecidedIsToldSoInChineseNotAServerError() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    String committee2sVote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst()
        .orElseThrow().getId();
    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee3", "APPROVE", "还款记录良好");
    // committee2's form was open in Tasklist while the majority decided: the vote task is gone
    String form = "{\"variables\": {\"" + RenewalCommitteeVoteTaskListener.VOTE + "\": {\"value\": \"REJECT\"}, \""
        + RenewalCommitteeVoteTaskListener.COMMENT + "\": {\"value\": \"行业下行\"}}}";

    for (String action : List.of("submit-form", "complete")) {
      ApiClient.Response answer = api.post("/engine-rest/task/" + committee2sVote + "/" + action, "committee2", form);

      assertThat(answer.status()).as(action + ": " + answer).isEqualTo(400);
      assertThat(answer.json().path("message").asText()).as(action)
          .contains("待办 贷审会委员表决续贷 已撤销 (流程已继续), 无需再办理, 请刷新待办列表");
    }
    assertThat(chairTask(instance).getName()).isEqualTo("签发续贷贷审会决议");
    assertThat(committee.votes(loan.loanId())).extracting(RenewalCommitteeService.StoredVote::member)
        .containsExactlyInAnyOrder("committee1", "committee3");
  }

  /**
   * committee2's form was read while the committee voted; before committee2 votes, another path ends the renewal in a
   * transaction of its own (终止续贷's record of a call-in, CALLED_IN, as a call-in that committed after the form was read
   * leaves it; {@code RenewalPostgresIT} makes the two meet under the row lock). committee2's vote to reject, the second of
   * three and so a majority, is refused over the engine REST API with 400 and the Chinese line staff read; neither the
   * vote nor the committee's decline is written. Before, the vote was recorded and the committee's conclusion turned the
   * called-in renewal into one the committee declined, mailing the borrower a decline.
   */
  @Test
  void aCommitteeVoteOnARenewalAnotherPathEndedMeanwhileIsRefusedAndTheCommitteeDeclinesNothing() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "REJECT", "主要客户流失");
    String committee2sVote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst()
        .orElseThrow().getId();
    callIns.recordCalledIn(loan.loanId());

    ApiClient.Response voted = api.post("/engine-rest/task/" + committee2sVote + "/complete", "committee2",
        "{\"variables\": {\"" + RenewalCommitteeVoteTaskListener.VOTE + "\": {\"value\": \"REJECT\"}, \""
            + RenewalCommitteeVoteTaskListener.COMMENT + "\": {\"value\": \"行业下行\"}}}");

    assertRefusedAsCalledIn(voted, loan.loanId());
    assertThat(committee.votes(loan.loanId())).extracting(RenewalCommitteeService.StoredVote::member)
        .containsExactly("committee1");
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.decidedBy()).as("no decline by the committee").isNull();
    assertThat(instance).hasNotPassed(TASK_TALLY_VOTES, END_DECLINED);
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_DECLINED);
  }

  /**
   * Two members voted to reject; before the committee's vote is concluded, the renewal lapsed at maturity in another
   * transaction. The conclusion is refused naming the lapse and writes nothing: before, it declined the lapsed renewal
   * in the committee's name.
   */
  @Test
  void aCommitteeConclusionOnARenewalThatLapsedMeanwhileIsRefusedAndLeavesItLapsed() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    applied(loan);
    committee.vote(loan.loanId(), "committee1", RenewalCommitteeService.Vote.REJECT, "主要客户流失");
    committee.vote(loan.loanId(), "committee2", RenewalCommitteeService.Vote.REJECT, "行业下行");
    renewals.closed(loan.loanId(), RenewalStatus.LAPSED, today);

    assertThatThrownBy(() -> committee.conclude(loan.loanId(), 3))
        .isInstanceOf(StateConflictException.class)
        .hasMessage("借据 " + loan.loanId() + " 的续贷已不在审批中: " + RenewalStatus.LAPSED.label() + ", 无需再审批, 请刷新待办列表"
            + " (the renewal of loan " + loan.loanId() + " is LAPSED, not awaiting a decision; this decision is refused)");
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.LAPSED);
    assertThat(renewal.decidedBy()).as("no decline by the committee").isNull();
  }

  @Test
  void aMajorityOfTheCommitteeRejectingDeclinesTheRenewalAndTheBorrowerIsToldOnlyTheCatalogueText() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);

    vote(loan, instance, "committee1", "REJECT", "主要客户流失, 现金流无法覆盖");
    vote(loan, instance, "committee2", "REJECT", "行业下行");

    assertThat(instance).hasPassed(TASK_TALLY_VOTES, TASK_DECLINED_MAIL, END_DECLINED)
        .hasNotPassed(TASK_DECIDE_COMMITTEE_RESOLUTION, TASK_SEND_CONTRACT).isEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(renewal.customerReason()).isEqualTo(CustomerReason.OVERALL_ASSESSMENT.name());
    assertThat(renewal.decidedBy()).isEqualTo(Groups.CREDIT_COMMITTEE);
    assertThat(renewal.decisionNote()).contains("反对 2 票");
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_DECLINED);
    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains(CustomerReason.OVERALL_ASSESSMENT.text())
        .doesNotContain("主要客户流失").doesNotContain("行业下行").doesNotContain("票");
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.ACTIVE);
  }

  @Test
  void whenTheVotingDeadlinePassesWithoutAMajorityTheChairsCastingVoteDecides() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee2", "APPROVE", "同意");
    assertThat(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.MATURES_AT.name()))
        .isEqualTo(java.util.Date.from(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant()));

    // A minute past the vote's deadline: when its tasks are due (their SLA deadline; the clock stands still since).
    moveClockTo(voteTasks(instance).get(0).getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE, TASK_TALLY_VOTES);
    assertThat(voteTasks(instance)).isEmpty();
    Task resolution = chairTask(instance);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "renewalCommitteeAskText")).contains("决定票");
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "renewalCommitteeTallyText"))
        .contains("同意 1 票").contains("未表决 2 人");

    completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE",
        ApproveRenewalTaskListener.CUSTOMER_REASON, "CREDIT_RECORD", ApproveRenewalTaskListener.NOTE, "委员未在期限内表决, 征信存疑"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_DECLINED_MAIL, END_DECLINED).isEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.decidedBy()).isEqualTo("committee-chair");
    assertThat(mailBody(loan, MailTemplate.RENEWAL_DECLINED)).contains(CustomerReason.CREDIT_RECORD.text())
        .doesNotContain("征信存疑");
  }

  /**
   * Nobody voted by the deadline: the committee has not decided, and the chair alone neither approves nor declines a
   * renewal above an approver's authority. The chair's form says so before the decision; 批准 and 不批准 are refused
   * (the task stays open, nothing decided, the borrower told nothing) and the chair reopens the vote: every member votes
   * again, with a new deadline, and a majority to approve comes back to the chair to sign.
   */
  @Test
  void aDeadlineWithNoVoteCastReopensTheVoteForTheMembersInsteadOfTheChairDecidingAlone() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    java.util.Date firstDue = voteTasks(instance).get(0).getDueDate();
    moveClockTo(firstDue.toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE, TASK_TALLY_VOTES);
    Task resolution = chairTask(instance);
    assertThat((String) taskService.getVariableLocal(resolution.getId(), "renewalCommitteeAskText"))
        .as("told before deciding").contains("表决期限已到, 没有委员表决").contains("重新表决");
    for (Map<String, Object> alone : List.<Map<String, Object>>of(
        Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE", ApproveRenewalTaskListener.NOTE, "主任委员决定批准"),
        Map.of(ApproveRenewalTaskListener.DECISION, "DECLINE", ApproveRenewalTaskListener.CUSTOMER_REASON, "CREDIT_RECORD",
            ApproveRenewalTaskListener.NOTE, "主任委员决定否决"))) {
      assertThatThrownBy(() -> completeAs("committee-chair", resolution.getId(), alone))
          .hasMessageContaining("贷审会表决期限已到, 没有委员表决, 主任委员不能单独批准或否决借据 " + loan.loanId() + " 的续贷");
    }
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED);
    assertThatThrownBy(() -> completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        RenewalCommitteeResolutionTaskListener.REVOTE))).as("why the vote is reopened is asked")
        .hasMessageContaining("重新表决时须填写决议意见");
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);

    completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        RenewalCommitteeResolutionTaskListener.REVOTE, ApproveRenewalTaskListener.NOTE, "委员均未在期限内表决, 请重新表决"));
    loan.runJobs(instance);

    JsonNode revotes = api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor").json().path("committeeRevotes");
    assertThat(revotes).as("staff read who reopened the vote, when and why: %s", revotes).singleElement().satisfies(revote -> {
      assertThat(revote.path("reopenedBy").asText()).isEqualTo("committee-chair");
      assertThat(revote.path("reopenedAt").isTextual()).as("when").isTrue();
      assertThat(revote.path("reason").asText()).isEqualTo("委员均未在期限内表决, 请重新表决");
    });
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", CHANNEL).json().path("committeeRevotes").isEmpty())
        .as("the channel is not told of the committee").isTrue();

    assertThat(instance).as("the vote reopened").hasPassed(GATEWAY_COMMITTEE_REVOTE).isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.COMMITTEE_REVOTE_YES);
    assertThat(voteTasks(instance)).extracting(Task::getAssignee)
        .containsExactlyInAnyOrder("committee1", "committee2", "committee3");
    assertThat(voteTasks(instance)).as("a new deadline").allSatisfy(task -> assertThat(task.getDueDate()).isAfter(firstDue));

    vote(loan, instance, "committee1", "APPROVE", "经营稳定, 同意续贷");
    vote(loan, instance, "committee2", "APPROVE", "还款记录良好");
    Task signing = chairTask(instance);
    assertThat((String) taskService.getVariableLocal(signing.getId(), "renewalCommitteeAskText")).contains("多数同意");
    completeAs("committee-chair", signing.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "签发决议"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_SEND_CONTRACT).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.APPROVED);
  }

  /** Once a member voted the chair's decision is the casting vote: reopening the vote is refused. */
  @Test
  void aChairCannotReopenAVoteThatAMemberCast() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee2", "APPROVE", "同意");
    moveClockTo(voteTasks(instance).get(0).getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    Task resolution = chairTask(instance);

    assertThatThrownBy(() -> completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        RenewalCommitteeResolutionTaskListener.REVOTE, ApproveRenewalTaskListener.NOTE, "重新表决")))
        .hasMessageContaining("已有委员表决, 不能重新表决: 请行使决定票");
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  /**
   * The vote ends (表决期限已到) when the members' tasks are due in Tasklist, 17:00 of the third working day: a vote
   * opened at 09:00 is not cut off at 09:00 of the next working day after that, while its tasks are overdue.
   */
  @Test
  void aRenewalVoteOpenedAtNineInTheMorningEndsWhenItsTasksAreDueAtFiveOnTheThirdWorkingDay() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    LocalDate opened = bankCalendar.addWorkingDays(today, 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    ProcessInstance instance = applied(loan);

    // The opening day is the first of the three.
    theVoteEndsWhenItsTasksAreDue(loan, instance, bankCalendar.addWorkingDays(opened, 2).atTime(17, 0));
  }

  /** A vote opened at 23:48 ends at 17:00 of the third working day after, when its tasks are due, not at 23:48. */
  @Test
  void aRenewalVoteOpenedLateAtNightEndsWhenItsTasksAreDueAtFiveOnTheThirdWorkingDayAfter() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    LocalDate opened = bankCalendar.addWorkingDays(today, 1);
    moveClockTo(opened.atTime(23, 48).atZone(BusinessClock.BANK_ZONE).toInstant());
    ProcessInstance instance = applied(loan);

    theVoteEndsWhenItsTasksAreDue(loan, instance, bankCalendar.addWorkingDays(opened, 3).atTime(17, 0));
  }

  /**
   * An administrator gives one member two more working days (the due date of their vote task, as in Tasklist): the
   * renewal's vote ends when that task is due, the last of its tasks, not at the date the others show.
   */
  @Test
  void aRenewalVoteTasksDueDateMovedLaterByHandMovesTheVotesEnd() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    LocalDate opened = bankCalendar.addWorkingDays(today, 1);
    moveClockTo(opened.atTime(9, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    ProcessInstance instance = applied(loan);
    java.time.Instant due = bankCalendar.addWorkingDays(opened, 2).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    java.time.Instant later = bankCalendar.addWorkingDays(opened, 4).atTime(17, 0).atZone(BusinessClock.BANK_ZONE).toInstant();
    assertThat(committeeDeadline(instance)).isEqualTo(due);
    Task committee2sVote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();

    assertThat(moveDueDate("admin", committee2sVote.getId(), later).status()).isEqualTo(204);

    assertThat(committeeDeadline(instance)).as("the latest due date of the vote's tasks").isEqualTo(later);
    moveClockTo(due.plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(BOUNDARY_COMMITTEE_DEADLINE);
    moveClockTo(later);
    loan.runJobs(instance);
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE, TASK_TALLY_VOTES);
    assertThat(chairTask(instance)).isNotNull();
  }

  private java.time.Instant committeeDeadline(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(BOUNDARY_COMMITTEE_DEADLINE).singleResult().getDuedate().toInstant();
  }

  private void theVoteEndsWhenItsTasksAreDue(RenewalScenario loan, ProcessInstance instance, java.time.LocalDateTime due) {
    java.time.Instant dueAt = due.atZone(BusinessClock.BANK_ZONE).toInstant();
    assertThat(voteTasks(instance)).hasSize(3)
        .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).as("the due date Tasklist shows").isEqualTo(dueAt));
    assertThat(committeeDeadline(instance)).isEqualTo(dueAt);

    moveClockTo(dueAt.minus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE).hasNotPassed(BOUNDARY_COMMITTEE_DEADLINE);

    moveClockTo(dueAt);
    loan.runJobs(instance);
    assertThat(instance).hasPassed(BOUNDARY_COMMITTEE_DEADLINE, TASK_TALLY_VOTES);
    assertThat(voteTasks(instance)).isEmpty();
    assertThat(chairTask(instance)).isNotNull();
  }

  @Test
  void theLoansCustomerManagerSitsOutTheCommitteesVoteOnItsRenewal() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    customerManagerOf(loan, "committee1");
    ProcessInstance instance = applied(loan);

    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee2", "committee3");
    Task committee2sVote = voteTasks(instance).stream().filter(t -> "committee2".equals(t.getAssignee())).findFirst().orElseThrow();
    // A vote is personal: nobody hands it to the customer manager (or anyone else).
    assertThatThrownBy(() -> taskService.setAssignee(committee2sVote.getId(), "committee1"))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("本人");
    assertThat(taskService.createTaskQuery().taskId(committee2sVote.getId()).singleResult().getAssignee()).isEqualTo("committee2");

    // Two members now: both must agree for a majority.
    vote(loan, instance, "committee2", "APPROVE", "同意");
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    vote(loan, instance, "committee3", "APPROVE", "同意");
    assertThat(chairTask(instance)).isNotNull();
  }

  /**
   * Nobody may vote on the renewal: the committee's only member is the loan's customer manager. The channel's application
   * is accepted as any other (201, APPLIED); the job that would create the votes fails at once into an incident on
   * 贷审会委员表决续贷 that names the renewal, how many members must be able to vote and who sat out and why, logged once
   * at ERROR. An administrator adds members and retries the job as Cockpit does: the votes are created, the three
   * working days of the vote start then.
   */
  @Test
  void aCommitteeWithNobodyWhoMayVoteIsAnIncidentUntilAnAdministratorAddsMembersAndRetries(CapturedOutput log) {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    customerManagerOf(loan, "committee1");
    List.of("committee2", "committee3").forEach(member -> identityService.deleteMembership(member, Groups.CREDIT_COMMITTEE));
    ProcessInstance instance;
    Job stuck;
    try {
      ApiClient.Response applied = loan.apply("REQ-" + loan.loanId());

      assertThat(applied.status()).as(applied.body()).isEqualTo(201);
      assertThat(applied.json().path("status").asText()).isEqualTo("APPLIED");
      instance = loan.renewal();
      stuck = managementService.createJobQuery().processInstanceId(instance.getId()).messages().singleResult();
      assertThat(stuck.getRetries()).isPositive();
      String jobId = stuck.getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("贷审会没有可以表决借据 " + loan.loanId());

      // One attempt: nothing changes until an administrator acts, so the job stops in an incident at once.
      Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(incident).as("incident of the committee vote").isNotNull();
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId()).startsWith(TASK_COMMITTEE_VOTE);
      assertThat(incident.getIncidentMessage())
          .startsWith("贷审会没有可以表决借据 " + loan.loanId() + " 续贷的委员: 至少需要 1 名可以表决的委员, 贷审会 (credit-committee) 现有委员 1 人均须回避"
              + " (committee1: 审贷分离: 用户 committee1 是贷款 " + loan.loanId() + " 的管户客户经理, 不能审批其续贷)")
          .contains("请系统管理员补充贷审会委员后重试此作业")
          .endsWith("(no credit-committee member may vote on the renewal of loan " + loan.loanId()
              + ": its 1 member is excluded; add a member to credit-committee, then retry this job)")
          .doesNotContain("Error while evaluating expression").doesNotContain("Exception");
      assertThat(log.getAll().lines().filter(line -> line.contains(" ERROR ")).toList())
          .as("one ERROR line, no stack trace of the engine's").singleElement()
          .satisfies(line -> assertThat(line).contains("贷审会没有可以表决借据 " + loan.loanId()));
      assertThat(log.getAll()).doesNotContain("ENGINE-16004");
      assertThat(instance).isNotEnded();
      assertThat(voteTasks(instance)).isEmpty();
      LoanRenewal waiting = renewals.find(loan.loanId()).orElseThrow();
      assertThat(waiting.status()).isEqualTo(RenewalStatus.APPLIED);
      assertThat(waiting.approvalRoute()).isEqualTo("COMMITTEE");
      assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED);
    } finally {
      List.of("committee2", "committee3").forEach(member -> identityService.createMembership(member, Groups.CREDIT_COMMITTEE));
    }

    // An administrator added the members; the job is retried over the engine REST API, as Cockpit does.
    ApiClient.Response retried = api.send("PUT", "/engine-rest/job/" + stuck.getId() + "/retries", "admin", "demo",
        "{\"retries\": 1, \"dueDate\": null}");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(204);
    loan.runJobs(instance);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(voteTasks(instance)).extracting(Task::getAssignee).containsExactlyInAnyOrder("committee2", "committee3");
    vote(loan, instance, "committee2", "APPROVE", "同意");
    vote(loan, instance, "committee3", "APPROVE", "同意");
    assertThat(chairTask(instance)).isNotNull();
  }

  @Test
  void theChairWhoIsTheLoansCustomerManagerCanNeitherClaimNorSignTheResolution() {
    RenewalScenario loan = loanForTheCommittee().scanNow();
    customerManagerOf(loan, "committee-chair");
    ProcessInstance instance = applied(loan);
    vote(loan, instance, "committee1", "APPROVE", "同意");
    vote(loan, instance, "committee2", "APPROVE", "同意");
    Task resolution = chairTask(instance);

    ApiClient.Response listed = api.get("/engine-rest/task?taskId=" + resolution.getId() + "&maxResults=10", "committee-chair");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().size()).as("in the chair's Tasklist queues: the loan's own customer manager").isZero();

    ApiClient.Response claim = claimOverRest("committee-chair", resolution);
    assertThat(claim.status()).as(claim.body()).isEqualTo(403);
    assertThat(claim.body()).contains("管户客户经理");
    assertThat(claim.json().path("message").asText()).as("the English beside the Chinese")
        .endsWith(" (separation of duties: user committee-chair may not decide the renewal of loan " + loan.loanId() + ")");
    assertThatThrownBy(() -> completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        "APPROVE", ApproveRenewalTaskListener.NOTE, "签发")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("审贷分离");

    assertThat(taskService.createTaskQuery().taskId(resolution.getId()).singleResult().getAssignee()).isNull();
    assertThat(instance).isWaitingAt(TASK_DECIDE_COMMITTEE_RESOLUTION);
    assertThat(renewals.find(loan.loanId()).orElseThrow().decidedBy()).isNull();
  }

  @Test
  void anApproverWhoIsTheLoansCustomerManagerCanNeitherClaimNorDecideItsRenewal() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    customerManagerOf(loan, "approver");
    ProcessInstance instance = applied(loan);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    ApiClient.Response claim = claimOverRest("approver", task);
    assertThat(claim.status()).as(claim.body()).isEqualTo(403);
    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
        ApproveRenewalTaskListener.NOTE, "同意")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("管户客户经理");

    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.APPLIED);
    assertThat(renewal.decidedBy()).isNull();
  }

  @Test
  void theRenewedLoanKeepsTheOldLoansCustomerManagerWhoMayNotDecideItsNextRenewal() {
    RenewalScenario loan = strongLoan().scanNow();
    customerManagerOf(loan, "approver");
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    maturityArrives(loan, instance);
    assertThat(instance).hasPassed(END_RENEWED);
    String newLoanId = renewals.find(loan.loanId()).orElseThrow().newLoanId();

    assertThat(customerManagers.of(newLoanId)).as("who answers for the renewed loan").contains("approver");
    // The renewed loan's own renewal, a year on: its customer manager may decide none of it (审贷分离).
    assertThatThrownBy(() -> separationOfDuties.requireMayDecide(newLoanId, List.of("approver")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("管户客户经理").hasMessageContaining(newLoanId);
    assertThat(separationOfDuties.mayNotDecide(newLoanId)).contains("approver");
  }

  @Test
  void theLoansCustomerManagerCannotReviewTheRenewalAmountAfterAPrepayment() {
    RenewalScenario loan = strongLoan().scanNow();
    customerManagerOf(loan, "approver");
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    maturityArrives(loan, instance);
    Task task = reviewTask(instance);

    assertThatThrownBy(() -> completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION,
        "RENEW_DUE", ReviewRenewalAmountTaskListener.NOTE, "按到期应还本金续贷")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("审贷分离");

    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  @Test
  void whoeverAppliedForTheRenewalOnTheBorrowersBehalfMayNotDecideIt() {
    RenewalScenario loan = loanForAnApprover().scanNow();
    ProcessInstance instance = applied(loan);
    // The channel applies today; a staff user who applies on the borrower's behalf (a counter, a customer manager's pad) is kept
    // the same way in applied_by and never decides the renewal.
    jdbc.sql("UPDATE loan_renewal SET applied_by = 'approver' WHERE loan_id = :loan").param("loan", loan.loanId()).update();
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    ApiClient.Response claim = claimOverRest("approver", task);

    assertThat(claim.status()).as(claim.body()).isEqualTo(403);
    assertThat(claim.body()).contains("代借款人申请");
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
  }

  // --- a maturity date nobody works: the amount is checked, and reviewed, on the last working day before it ---

  /** 00:01 China Standard Time of the last working day before the loan's maturity date (a day nobody works). */
  private void lastWorkingDayBeforeMaturityBegins(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(bankCalendar.lastWorkingDayBefore(loan.account().maturityDate()).atStartOfDay(BusinessClock.BANK_ZONE)
        .toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
  }

  private RenewalScenario strongLoanMaturingOnADayOff() {
    return scenario(daysToMaturity(45, false), ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL);
  }

  @Test
  void aPrepaymentBeforeAMaturityNobodyWorksIsReviewedOnTheLastWorkingDayBeforeItAndRenewedAtMaturity() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    LocalDate maturity = loan.account().maturityDate();
    LocalDate checkDay = bankCalendar.lastWorkingDayBefore(maturity);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_AMOUNT_CHECK_DUE);
    assertThat(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.AMOUNT_CHECK_AT.name()))
        .isEqualTo(java.util.Date.from(checkDay.atStartOfDay(BusinessClock.BANK_ZONE).toInstant()));
    prepayAllBut(loan, "30000.00");

    lastWorkingDayBeforeMaturityBegins(loan, instance);

    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT, BOUNDARY_AMOUNT_CHANGED_BEFORE_MATURITY).hasNotPassed(TASK_POST_RENEWAL);
    Task task = reviewTask(instance);
    // Due at the end of that working day, not on the maturity date nobody works.
    assertThat(task.getDueDate().toInstant()).isEqualTo(checkDay.atTime(23, 59).atZone(BusinessClock.BANK_ZONE).toInstant());
    assertThat(taskService.getVariablesLocal(task.getId())).containsEntry("renewalReviewDueText", ChineseDates.day(checkDay) + " 23:59")
        .containsEntry("maturityDate", ChineseDates.day(maturity)).containsEntry("renewalDueAtMaturityText", "30000.00");
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);

    completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "提前还款7万元, 按剩余到期本金续贷"));
    loan.runJobs(instance);

    // Nothing moves before the maturity date.
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().amountReviewDecision()).isEqualTo("RENEW_DUE");

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, END_RENEWED).hasNotPassed(BOUNDARY_AMOUNT_CHANGED).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.CHECK_BEFORE_MATURITY_YES,
        LoanRenewalProcess.Flows.AMOUNT_CHECK_DUE, LoanRenewalProcess.Flows.AMOUNT_CHANGED_BEFORE_MATURITY,
        LoanRenewalProcess.Flows.RENEW_DUE_YES, LoanRenewalProcess.Flows.TO_AWAIT_MATURITY, LoanRenewalProcess.Flows.LOAN_MATURED)
        .doesNotContain(LoanRenewalProcess.Flows.AMOUNT_CHANGED, LoanRenewalProcess.Flows.AMOUNT_CHECKED);
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewed.status()).isEqualTo(RenewalStatus.RENEWED);
    assertThat(renewed.renewedAmount()).isEqualByComparingTo("30000.00");
    assertThat(coreBanking.postingsOf(loan.loanId())).singleElement()
        .satisfies(posting -> assertThat(posting.amount()).isEqualByComparingTo("30000.00"));
    assertThat(loans.find(renewed.newLoanId()).orElseThrow().disbursedOn()).isEqualTo(maturity);
    assertThat(loan.mails()).containsExactly(MailTemplate.RENEWAL_OFFERED, MailTemplate.RENEWAL_CONTRACT_READY,
        MailTemplate.RENEWAL_COMPLETED);
  }

  @Test
  void nothingPrepaidBeforeAMaturityNobodyWorksPassesTheCheckWithoutATaskAndIsRenewedAsSignedAtMaturity() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signed(loan);

    lastWorkingDayBeforeMaturityBegins(loan, instance);

    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT).isWaitingAt(TIMER_LOAN_MATURES).hasNotPassed(TASK_REVIEW_AMOUNT);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.SIGNED);

    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, END_RENEWED).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.CHECK_BEFORE_MATURITY_YES,
        LoanRenewalProcess.Flows.AMOUNT_CHECKED).doesNotContain(LoanRenewalProcess.Flows.CHECK_BEFORE_MATURITY_NO);
    assertThat(renewals.find(loan.loanId()).orElseThrow().renewedAmount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
  }

  @Test
  void aSecondPrepaymentAfterTheReviewBeforeAMaturityNobodyWorksIsReviewedAgainByThePostingAtMaturity() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    lastWorkingDayBeforeMaturityBegins(loan, instance);
    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));
    loan.runJobs(instance);

    // Prepaid again after that working day: never more than a person approved is lent.
    loan.repay(new BigDecimal("10000.00"), bankCalendar.lastWorkingDayBefore(loan.account().maturityDate()));
    maturityArrives(loan, instance);

    assertThat(instance).hasPassed(BOUNDARY_AMOUNT_CHANGED);
    Task again = reviewTask(instance);
    assertThat(again.getDueDate().toInstant())
        .isEqualTo(loan.account().maturityDate().atTime(23, 59).atZone(BusinessClock.BANK_ZONE).toInstant());
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().amountReviewDecision()).as("the earlier decision is void").isNull();
  }

  @Test
  void aContractSignedWhenNoWorkingDayIsLeftBeforeTheMaturityIsCheckedByThePostingAtMaturity() {
    int days = daysToMaturity(45, false);
    while (bankCalendar.isWorkingDay(today.plusDays(days - 1))) {
      days = daysToMaturity(days + 1, false);
    }
    RenewalScenario loan = scenario(days, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
    ProcessInstance instance = applied(loan);
    // Signed at 10:00 on the day off before the maturity date (itself a day off).
    moveClockTo(loan.account().maturityDate().minusDays(1).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    assertThat(loan.signAndReport().status()).isEqualTo(200);

    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);
    assertThat(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.AMOUNT_CHECK_AT.name())).isNull();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.CHECK_BEFORE_MATURITY_NO)
        .doesNotContain(LoanRenewalProcess.Flows.CHECK_BEFORE_MATURITY_YES);
  }

  /**
   * A maturity date nobody works: 核对到期应还本金 on the last working day before it declined a renewal whose loan no
   * longer meets the eligibility table, by the same error, path and end as the posting at maturity; no task, nothing
   * waits for the maturity.
   */
  private void assertDeclinedBeforeMaturity(RenewalScenario loan, ProcessInstance instance, String code, String hidden) {
    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT, BOUNDARY_NO_LONGER_ELIGIBLE_BEFORE_MATURITY,
        GATEWAY_NO_LONGER_ELIGIBLE_JOIN, TASK_NO_LONGER_ELIGIBLE_MAIL, END_NO_LONGER_ELIGIBLE)
        .hasNotPassed(TASK_REVIEW_AMOUNT, TIMER_LOAN_MATURES, TASK_POST_RENEWAL, END_WITHDRAWN).isEnded();
    assertThat(TakenSequenceFlows.of(instance.getId())).contains(LoanRenewalProcess.Flows.NO_LONGER_ELIGIBLE_BEFORE_MATURITY,
        LoanRenewalProcess.Flows.TO_NO_LONGER_ELIGIBLE_MAIL, LoanRenewalProcess.Flows.NO_LONGER_ELIGIBLE_MAILED)
        .doesNotContain(LoanRenewalProcess.Flows.AMOUNT_CHECKED, LoanRenewalProcess.Flows.AMOUNT_CHANGED_BEFORE_MATURITY);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    assertDeclinedAsNoLongerEligible(loan, instance, code, hidden,
        bankCalendar.lastWorkingDayBefore(loan.account().maturityDate()));
  }

  /**
   * Signed, prepaid all but 30,000 CNY, then downgraded to 关注 before a maturity date nobody works: 核对到期应还本金 asks
   * the eligibility table again and declines the renewal with the table's reason. Before, the check compared only the
   * amount, opened 复核续贷金额, where RENEW_DUE was refused and only 不再续贷 was left: the renewal ended WITHDRAWN.
   */
  @Test
  void aLoanDowngradedSinceSigningIsDeclinedByTheCheckBeforeAMaturityNobodyWorksNotLeftToTheAmountReview() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    loans.applyRiskReview(new RiskReview(loan.loanId(), Classification.SPECIAL_MENTION, today, "主要客户流失, 列入关注",
        "risk-officer"));

    lastWorkingDayBeforeMaturityBegins(loan, instance);

    assertDeclinedBeforeMaturity(loan, instance, "风险分类非正常", "关注");
  }

  /**
   * Signed, then a warning signal is reported and still being checked on the last working day before a maturity date
   * nobody works: declined by 核对到期应还本金 that day. Before, the check passed and the renewal waited for the maturity.
   */
  @Test
  void aSignedRenewalWhoseLoanHasAWarningSignalUnderCheckIsDeclinedByTheCheckBeforeAMaturityNobodyWorks() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signed(loan);
    aSignalStillBeingCheckedOn(loan);

    lastWorkingDayBeforeMaturityBegins(loan, instance);

    assertDeclinedBeforeMaturity(loan, instance, "SIGNAL_UNDER_CHECK", "预警");
  }

  @Test
  void theSandboxEvaluatesAnActiveWorkingCapitalLoanOnceAndRefusesOtherwiseInChinese() {
    RenewalScenario evaluated = strongLoan().scanNow();
    RenewalScenario line = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        daysToMaturity(45, true), ProcessingFixtures.strongProfile(), "REVOLVING_LINE", "200000.00");

    ApiClient.Response again = api.post("/api/sandbox/renewals/loans/" + evaluated.loanId() + "/evaluation", "admin", "{}");
    ApiClient.Response notWorkingCapital = api.post("/api/sandbox/renewals/loans/" + line.loanId() + "/evaluation", "admin",
        "{}");

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("借据 " + evaluated.loanId() + " 已评估过续贷, 不再重新评估 (loan " + evaluated.loanId()
            + " was evaluated for renewal already)");
    assertThat(notWorkingCapital.status()).as(notWorkingCapital.body()).isEqualTo(409);
    assertThat(notWorkingCapital.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("借据 " + line.loanId() + " 不是未结清的流动资金贷款, 不能评估续贷 (loan " + line.loanId()
            + " is not an active working-capital loan)");
    assertThat(renewals.find(line.loanId())).isEmpty();
  }

  @Test
  void theSandboxsMaturityCallOnAMaturityNobodyWorksLeavesTheDueMaturityTimerToTheJobExecutor() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signed(loan);
    org.camunda.bpm.engine.impl.util.ClockUtil.reset(); // the real clock: time moves on while the check runs, as in the demo

    assertThat(api.post("/api/sandbox/renewals/loans/" + loan.loanId() + "/maturity", "admin", "{}").status())
        .isEqualTo(202);

    // The check passed and created the maturity timer due now; the job executor, told of it at once, may already be
    // running it. Written to again (its due date set a second time), that run failed on the changed timer
    // (OptimisticLockingException, ENGINE-14006) and the renewal waited minutes for the retry.
    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT).isWaitingAt(TIMER_LOAN_MATURES);
    Job matures = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TIMER_LOAN_MATURES)
        .executable().singleResult();
    assertThat(matures).as("due now").isNotNull();
    assertThat(matures.getDuedate()).as("the maturity the sandbox set")
        .isEqualTo(runtimeService.getVariable(instance.getId(), LoanRenewalProcess.Variables.MATURES_AT.name()));
    assertThat(((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) matures).getRevision())
        .as("not written to after the check created it").isEqualTo(1);
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_RENEWED).isEnded();
  }

  @Test
  void theSandboxsMaturityCallRunsTheCheckOfTheLastWorkingDayFirstAndThePostingFollowsTheReview() {
    RenewalScenario loan = strongLoanMaturingOnADayOff().scanNow();
    ProcessInstance instance = signedThenPrepaidAllBut(loan, "30000.00");
    String maturityNow = "/api/sandbox/renewals/loans/" + loan.loanId() + "/maturity";

    assertThat(api.post(maturityNow, "admin", "{}").status()).isEqualTo(202);

    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT).isWaitingAt(TASK_REVIEW_AMOUNT);
    assertThat(api.post(maturityNow, "admin", "{}").status()).as("waiting for the review, not the maturity").isEqualTo(409);
    completeAs("approver", reviewTask(instance).getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));
    // The sandbox made now the maturity: the maturity timer is passed at once, as after a real maturity.
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TIMER_LOAN_MATURES, END_RENEWED).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().renewedAmount()).isEqualByComparingTo("30000.00");
  }

  /** The engine REST API's 400 for a decision on a renewal a call-in ended: the Chinese line, the English beside. */
  private static void assertRefusedAsCalledIn(ApiClient.Response response, String loanId) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).startsWith("借据 " + loanId + " 的续贷已不在审批中: "
        + RenewalStatus.CALLED_IN.label() + ", 无需再审批, 请刷新待办列表 (")
        .contains("the renewal of loan " + loanId + " is CALLED_IN, not awaiting a decision");
  }
}
