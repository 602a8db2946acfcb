package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A renewal under way when a post-loan check calls the loan in (提前收回贷款) ends through 贷款已提前收回, 终止续贷, whatever
 * it waits for: the approver's task, the committee's votes, the borrower's signature, the maturity, 复核续贷金额. Its tasks and timers
 * go, it is recorded CALLED_IN, the borrower is told once, a contract sent and not signed is cancelled in the e-signature
 * service, and nothing is posted. A signed renewal whose loan was called in without the renewal being ended (an instance
 * of an older model version, called in before the call-in ended those itself) is refused by the posting at maturity, and
 * before a maturity date nobody works by 核对到期应还本金. The call-in is heard as monitoring tells it
 * ({@link RenewalCallIns#callingIn}); {@link CalledInRenewalApiTest} calls the loan in through the post-loan check.
 */
class CalledInRenewalProcessTest extends AbstractIntegrationTest {

  /**
   * The refusal of a called-in loan mails the borrower itself only where nothing in the instance's model catches it
   * ({@link CalledInRefusal}); here the model's boundary does, and 通知续贷终止 mails.
   */
  private static final String MAILED_ONCE_BY_THE_MODEL = "续贷终止 once, by the model's 通知续贷终止, not also by the refusal";

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private RenewalCallIns callIns;
  @Autowired private SandboxCoreBanking coreBanking;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;
  @Autowired private RepaymentService repayments;

  private LocalDate today;

  @BeforeEach
  void aFixedMorning() {
    stopClock();
    today = clock.today();
  }

  @AfterEach
  void eSignatureWorksAgain() {
    eSignature.up();
  }

  private RenewalScenario loan(String product, String principal) {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), ProcessingFixtures.strongProfile(), product, principal)
        .scanNow();
  }

  private ProcessInstance applied(RenewalScenario loan) {
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    return instance;
  }

  private void calledIn(RenewalScenario loan, ProcessInstance instance) {
    callIns.callingIn(loan.loanId(), "CHK-" + loan.loanId());
    loan.runJobs(instance);
  }

  private void maturityArrives(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
  }

  /** Ended at 续贷已终止, nothing left of it waiting, recorded CALLED_IN today and the borrower told. */
  private void assertEndedByTheCallIn(RenewalScenario loan, ProcessInstance instance) {
    assertThat(instance).hasPassed(START_LOAN_CALLED_IN, TASK_END_CALLED_IN, TASK_CALLED_IN_MAIL, END_CALLED_IN)
        .hasNotPassed(END_RENEWED).isEnded();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("open tasks").isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("timers, jobs").isZero();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.closedOn()).isEqualTo(today);
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).last().isEqualTo(MailTemplate.RENEWAL_CALLED_IN);
  }

  private String calledInMail(RenewalScenario loan) {
    return outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).stream().filter(m -> m.template() == MailTemplate.RENEWAL_CALLED_IN)
        .findFirst().orElseThrow().body();
  }

  @Test
  void anApplicationWaitingForItsApproverEndsWhenTheLoanIsCalledInAndTheTaskGoes() {
    RenewalScenario loan = loan("CREDIT_QUICK", "500000.00");
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);

    calledIn(loan, instance);

    assertEndedByTheCallIn(loan, instance);
    assertThat(instance).hasNotPassed(TASK_SEND_CONTRACT);
    assertThat(calledInMail(loan)).contains("提交的无还本续贷申请，因我行已决定提前收回该笔贷款，已终止审批")
        .contains("提前收回贷款通知").doesNotContain("${");
  }

  @Test
  void anApplicationTheCommitteeIsVotingOnEndsWhenTheLoanIsCalledInAndTheVotesGo() {
    RenewalScenario loan = loan("GROWTH", "6000000.00");
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_COMMITTEE_VOTE)
        .count()).as("votes open").isPositive();

    calledIn(loan, instance);

    assertEndedByTheCallIn(loan, instance);
    assertThat(instance).hasNotPassed(TASK_TALLY_VOTES, TASK_DECIDE_COMMITTEE_RESOLUTION);
  }

  @Test
  void anApprovedRenewalWaitingForTheSignatureEndsItsContractIsCancelledAndCanNoLongerBeSigned() {
    RenewalScenario loan = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    ProcessInstance instance = applied(loan);
    assertThat(instance).isWaitingAt(RECEIVE_AWAIT_SIGNATURE);
    LoanRenewal approved = renewals.find(loan.loanId()).orElseThrow();

    calledIn(loan, instance);

    assertEndedByTheCallIn(loan, instance);
    assertThat(calledInMail(loan)).contains("续贷合同（编号 " + approved.contractNumber() + "）已撤销，无需再签署");
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).extracting(RenewalRepository.EnvelopeToCancel::envelopeId)
        .contains(approved.envelopeId());
    envelopeCancellations.cancelDue();
    assertThat(eSignature.status(approved.envelopeId())).contains("CANCELLED");
    ApiClient.Response sign = api.post("/api/sandbox/e-signature/renewals/" + loan.loanId() + "/sign", "admin", "{}");
    assertThat(sign.status()).as(sign.body()).isEqualTo(409);
    ApiClient.Response report = api.post("/api/loans/" + loan.loanId() + "/renewal/signature", CHANNEL,
        "{\"signatureId\":\"SIG-AFTER-CALL-IN\",\"signedAt\":\"" + clock.now().atOffset(java.time.ZoneOffset.ofHours(8)) + "\"}");
    assertThat(report.status()).as(report.body()).isEqualTo(409);
    assertThat(report.json().path("detail").asText()).contains(RenewalStatus.CALLED_IN.label());
  }

  @Test
  void aSignedRenewalWaitingForTheMaturityEndsAndNothingIsPostedAtMaturity() {
    RenewalScenario loan = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);

    calledIn(loan, instance);

    assertEndedByTheCallIn(loan, instance);
    assertThat(calledInMail(loan)).contains("不再履行，不会发放新贷款");
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).as("signed: nothing left to cancel")
        .extracting(RenewalRepository.EnvelopeToCancel::loanId).doesNotContain(loan.loanId());
    maturityArrives(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
  }

  @Test
  void aSignedRenewalWhoseAmountIsUnderReviewEndsAndTheReviewTaskGoes() {
    RenewalScenario loan = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    loan.repay(repayments.payoffAmount(loan.loanId(), today).subtract(new BigDecimal("40000.00")), today);
    maturityArrives(loan, instance);
    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    today = clock.today();

    calledIn(loan, instance);

    assertEndedByTheCallIn(loan, instance);
    assertThat(instance).hasNotPassed(TASK_WITHDRAWN_MAIL, TASK_COMPLETED_MAIL);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }

  @Test
  void aCallInOfALoanWhoseRenewalIsOnlyOfferedOrAlreadyEndedChangesNothing() {
    RenewalScenario offered = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    callIns.callingIn(offered.loanId(), "CHK-" + offered.loanId());
    assertThat(renewals.find(offered.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);

    RenewalScenario loan = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    ProcessInstance instance = applied(loan);
    calledIn(loan, instance);
    calledIn(loan, instance);
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN);
  }

  @Test
  void aSignedRenewalWhoseLoanWasCalledInWithoutEndingItIsNotPostedAtMaturity() {
    RenewalScenario loan = loan("CREDIT_QUICK", RenewalScenario.PRINCIPAL);
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    // called in ten days before the maturity, to be repaid by five days after it (15 days' notice): the ledger accelerated
    // as a call-in does, but the renewal not told (an instance of a model version before 贷款已提前收回)
    moveClockTo(loan.account().maturityDate().minusDays(10).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    loans.accelerate(loan.loanId(), loan.account().maturityDate().plusDays(5));
    assertThat(instance).isWaitingAt(TIMER_LOAN_MATURES);

    maturityArrives(loan, instance);

    // Before, the posting renewed the called-in loan: a new loan lent to repay the principal of one the bank had asked back.
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(instance).hasPassed(BOUNDARY_LOAN_CALLED_IN, TASK_CALLED_IN_AT_MATURITY_MAIL, END_CALLED_IN_AT_MATURITY)
        .hasNotPassed(TASK_COMPLETED_MAIL).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(loan.mails()).as(MAILED_ONCE_BY_THE_MODEL).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN)
        .doesNotContain(MailTemplate.RENEWAL_COMPLETED);
  }
  /**
   * A maturity date nobody works, and a loan called in without the renewal ending (on an older model version, before
   * this release, and rolled out since): 核对到期应还本金 still runs on the last working day before the maturity. It ends the
   * renewal as the posting does: CALLED_IN, nothing to review, the borrower mailed 续贷终止, nothing posted.
   */
  @Test
  void aSignedRenewalWhoseLoanWasCalledInWithoutEndingItEndsAtTheAmountCheckBeforeAMaturityNobodyWorks() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, false), ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL)
        .scanNow();
    ProcessInstance instance = applied(loan);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    assertThat(instance).isWaitingAt(TIMER_AMOUNT_CHECK_DUE);
    LocalDate checkDay = bankCalendar.lastWorkingDayBefore(loan.account().maturityDate());
    moveClockTo(checkDay.minusDays(10).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    loans.accelerate(loan.loanId(), checkDay.plusDays(5));
    today = checkDay;

    moveClockTo(checkDay.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).count()).as("no 复核续贷金额").isZero();
    assertThat(instance).hasPassed(TASK_CHECK_AMOUNT, BOUNDARY_LOAN_CALLED_IN_BEFORE_MATURITY, TASK_CALLED_IN_AT_MATURITY_MAIL,
        END_CALLED_IN_AT_MATURITY).hasNotPassed(TASK_REVIEW_AMOUNT, TASK_POST_RENEWAL).isEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.closedOn()).isEqualTo(checkDay);
    assertThat(loan.mails()).as(MAILED_ONCE_BY_THE_MODEL).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).last()
        .isEqualTo(MailTemplate.RENEWAL_CALLED_IN);
    maturityArrives(loan, instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
  }
}
