package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Elements.BOUNDARY_MATURITY_OVERDUE;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_CALLED_IN;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_DECLINED;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_MATURITY_OVERDUE;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.END_RENEWED;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_APPROVE_RENEWAL;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_COMMITTEE_VOTE;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_DECIDE_COMMITTEE_RESOLUTION;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_POST_RENEWAL;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_REVIEW_AMOUNT;
import static com.smeloanflow.process.LoanRenewalProcess.Elements.TASK_SEND_CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.collections.CollectionCaseService;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.InstalmentStatus;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RenewLoan;
import com.smeloanflow.servicing.RepaymentService;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.RowLockWaits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The renewal posting on embedded PostgreSQL 14 (the production database): exactly one core banking
 * posting and one new loan, whether the maturity job is replayed after core banking posted but its answer
 * was lost, or run by two nodes at once; after a prepayment since signing, the amount review (V107's
 * columns) and the posting of the lower amount; a posting that runs only after the daily close counted the
 * maturity overdue (nothing posted, and servicing refuses the renewal too), or whose retry after a lost answer
 * runs only then (the job fails for an operator, nothing recorded); the committee's votes (V108's table:
 * one per member) and a majority to reject; a chair's reopening of a vote nobody cast (V154's table); the envelope of a renewal cancelled before it was signed (V136); a call-in
 * landing while the maturity job is due, runs or books, in each order, through the engine's job execution.
 */
class RenewalPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private SandboxCoreBanking coreBanking;
  @Autowired private RenewalPostingService postings;
  @Autowired private RepaymentService repayments;
  @Autowired private RenewalCommitteeService committee;
  @Autowired private DailyCloseService dailyClose;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;
  @Autowired private RenewalCallIns callIns;
  @Autowired private CollectionCaseService collectionCases;
  @Value("${camunda.bpm.job-execution.lock-time-in-millis}")
  private long lockTimeInMillis;
  @Autowired private PlatformTransactionManager transactionManager;

  @AfterEach
  void noFaultsLeftBehind() {
    coreBanking.faults().reset();
  }

  /**
   * A loan of a strong borrower ({@link RenewalScenario#PRINCIPAL}) maturing {@code daysToMaturity} days from today,
   * offered renewal by the scan.
   */
  private RenewalScenario offeredRenewal(int daysToMaturity) {
    return RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, clock.today(),
        daysToMaturity, ProcessingFixtures.strongProfile(), RenewalScenario.PRINCIPAL).scanNow();
  }

  private static ProcessInstance signed(RenewalScenario loan) {
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    return instance;
  }

  private ProcessInstance signedAndMatured(RenewalScenario loan) {
    ProcessInstance instance = signed(loan);
    matured(loan, instance);
    return instance;
  }

  /** The clock a minute into the maturity date and the instance's due timers run: the posting's job is due. */
  private void matured(RenewalScenario loan, ProcessInstance instance) {
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    runDueTimers(instance);
  }

  /**
   * Runs the instance's due timers, not its other jobs: the maturity (after the check on the last working day before
   * a maturity date nobody works, when the test's date makes it one), so that the posting's job is due.
   */
  private void runDueTimers(ProcessInstance instance) {
    for (Job timer; (timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().executable()
        .singleResult()) != null; ) {
      managementService.executeJob(timer.getId());
    }
  }

  /**
   * The daily close of the maturity date runs (00:30 the next day) before the renewal's posting: it counts the unpaid
   * maturity instalment overdue. The clock then stands at 08:30, when the posting's job runs.
   */
  private void closeTheMaturityDateFirst(RenewalScenario loan, LocalDate maturity) {
    moveClockTo(maturity.plusDays(1).atTime(0, 30).atZone(BusinessClock.BANK_ZONE).toInstant());
    dailyClose.close(maturity);
    assertThat(loans.ledger(loan.loanId()).get(11).status()).isEqualTo(InstalmentStatus.OVERDUE);
    moveClockBy(Duration.ofHours(8));
  }

  /** The maturity posting run on {@code maturityJob}, once core banking holds it open (its answer {@code slow}). */
  private Future<RenewalPostingService.Result> postingHeldOpen(ExecutorService maturityJob, RenewalScenario loan,
      Duration slow) {
    return postingHeldOpen(maturityJob, () -> postings.post(loan.loanId()), slow);
  }

  /**
   * {@code posting} (the service's posting, or the posting's job) run on {@code maturityJob}, once core banking holds its
   * posting open (its answer {@code slow}).
   */
  private <T> Future<T> postingHeldOpen(ExecutorService maturityJob, Callable<T> posting, Duration slow) {
    coreBanking.faults().answerSlowly(slow, 1);
    Future<T> running = maturityJob.submit(posting);
    long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (coreBanking.faults().pendingSlowAnswers() > 0 && System.nanoTime() < giveUp) {
      Thread.onSpinWait();
    }
    assertThat(coreBanking.faults().pendingSlowAnswers()).as("core banking holds the posting open").isZero();
    return running;
  }

  /** The posting's job as the job executor runs it: the engine's job execution, with its failure handling. */
  private Callable<Void> theJob(Job job) {
    return () -> {
      managementService.executeJob(job.getId());
      return null;
    };
  }

  private void assertRenewedOnce(RenewalScenario loan) {
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isEqualTo(1L);
    String newLoanId = renewals.find(loan.loanId()).orElseThrow().newLoanId();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(newLoanId).count()).isEqualTo(1);
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo("0.00");
  }

  /**
   * Core banking is slow to answer the renewal posting at maturity. No row lock is held meanwhile: the borrower's
   * payment of the maturity instalment's interest is booked at once, while the posting is still held open, and a
   * repayment of principal the renewal is repaying is answered at once too, refused as beyond what the loan owes apart
   * from it (as it is once the renewal is booked). The renewal is then booked once, as ever.
   */
  @Test
  void aRepaymentArrivingWhileCoreBankingPostsTheRenewalIsAnsweredAtOnceOnPostgres() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    signed(loan);
    LocalDate maturity = loan.account().maturityDate();
    moveClockTo(maturity.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    BigDecimal renewedPrincipal = loans.ledger(loan.loanId()).get(11).principalDue();
    BigDecimal interestAtMaturity = repayments.payoffAmount(loan.loanId(), maturity).subtract(renewedPrincipal);
    ExecutorService maturityJob = Executors.newSingleThreadExecutor();
    try {
      Future<RenewalPostingService.Result> posting = postingHeldOpen(maturityJob, loan, Duration.ofSeconds(20));

      ApiClient.Response interest = api.post("/api/loans/" + loan.loanId() + "/repayments",
          "core-banking", "{\"transactionId\":\"TX-PG-INTEREST-" + loan.loanId() + "\",\"amount\":"
              + interestAtMaturity.toPlainString() + ",\"valueDate\":\"" + maturity + "\"}");
      ApiClient.Response principal = api.post("/api/loans/" + loan.loanId() + "/repayments",
          "core-banking",
          "{\"transactionId\":\"TX-PG-RACE-" + loan.loanId() + "\",\"amount\":20000.00,\"valueDate\":\"" + maturity + "\"}");

      assertThat(posting.isDone()).as("both answered while core banking still held the posting open").isFalse();
      assertThat(interest.status()).as(interest.body()).isEqualTo(201);
      assertThat(principal.status()).as(principal.body()).isEqualTo(400);
      assertThat(principal.json().get("errors").get(0).get("code").asText()).isEqualTo("EXCEEDS_PAYOFF");
      assertThat(principal.body()).contains("正由续贷归还");

      coreBanking.faults().answerNow();
      assertThat(posting.get(40, TimeUnit.SECONDS).outcome())
          .isEqualTo(RenewalPostingService.Outcome.RENEWED);
      assertRenewedOnce(loan);
      assertThat(loans.ledger(loan.loanId()).get(11).outstanding()).as("interest paid, principal renewed")
          .isEqualByComparingTo("0.00");
      assertThat(jdbc.sql("SELECT renewal_posting_principal FROM loan_account WHERE loan_id = :l").param("l", loan.loanId())
          .query((rs, row) -> java.util.Optional.ofNullable(rs.getBigDecimal(1))).single()).as("no posting under way").isEmpty();
    } finally {
      maturityJob.shutdownNow();
    }
  }

  @Test
  void aMaturityJobReplayedAfterCoreBankingPostedButItsAnswerWasLostPostsOnce() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signedAndMatured(loan);
    Job posting = managementService.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
    coreBanking.faults().failAfterPosting(1);

    assertThatThrownBy(() -> managementService.executeJob(posting.getId()));
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();

    moveClockBy(Duration.ofMinutes(11)); // the retry falls due
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, END_RENEWED).isEnded();
    assertRenewedOnce(loan);
    assertThat(coreBanking.posting(RenewalPostingService.idempotencyKey(loan.loanId()))).isPresent();
  }

  /**
   * The node running the posting died after it recorded the posting under way and core banking booked it, before the
   * job's transaction booked the renewal: the record stays on the old loan, so a repayment of the principal being
   * renewed is refused meanwhile. The job's retry decides again, posts again (core banking answers the key with the
   * first posting) and books one renewal; the record is gone.
   */
  @Test
  void aNodeDyingBetweenThePostingAndItsBookingIsRetriedIntoOneRenewal() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signedAndMatured(loan);
    LocalDate maturity = loan.account().maturityDate();
    BigDecimal renewedPrincipal = loans.ledger(loan.loanId()).get(11).principalDue();
    // what the dead node left behind: its first transaction committed, core banking's posting under the key
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(status -> loans.renewalPostingStarted(loan.loanId(), renewedPrincipal));
    coreBanking.disburse(new com.smeloanflow.disbursement.DisbursementOrder(RenewalPostingService.idempotencyKey(loan.loanId()),
        loan.loanId(), loan.account().borrowerName(), loan.account().creditCode(), "借新还旧:" + loan.loanId(), renewedPrincipal));

    com.smeloanflow.support.ApiClient.Response principal = api.post("/api/loans/" + loan.loanId() + "/repayments",
        "core-banking",
        "{\"transactionId\":\"TX-PG-DEAD-" + loan.loanId() + "\",\"amount\":20000.00,\"valueDate\":\"" + maturity + "\"}");
    assertThat(principal.status()).as(principal.body()).isEqualTo(400);
    assertThat(principal.body()).contains("正由续贷归还");
    loan.runJobs(instance);

    assertThat(instance).hasPassed(TASK_POST_RENEWAL, END_RENEWED).isEnded();
    assertRenewedOnce(loan);
    assertThat(jdbc.sql("SELECT renewal_posting_principal FROM loan_account WHERE loan_id = :l").param("l", loan.loanId())
        .query((rs, row) -> java.util.Optional.ofNullable(rs.getBigDecimal(1))).single()).as("no posting under way").isEmpty();
  }

  /**
   * The same dead node, but an operator then cancels the renewal in Cockpit (custom listeners skipped) instead of letting
   * the job retry: core banking booked nothing, so the record goes with the instance (matched by the time its run wrote
   * it, as PostgreSQL stores it) and the maturity principal is repaid as agreed.
   */
  @Test
  void aRenewalCancelledInCockpitAfterANodeDiedWithdrawsItsPostingRecord() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signedAndMatured(loan);
    BigDecimal renewedPrincipal = loans.ledger(loan.loanId()).get(11).principalDue();
    java.time.Instant since = new TransactionTemplate(transactionManager)
        .execute(status -> loans.renewalPostingStarted(loan.loanId(), renewedPrincipal));
    assertThat(loans.renewalPostingUnderWay(loan.loanId()))
        .hasValueSatisfying(record -> assertThat(record.since()).isEqualTo(since));
    // the node died with its run: the job's lock has run out since, so no run of it is waiting for core banking
    moveClockBy(Duration.ofMillis(lockTimeInMillis).plusSeconds(1));

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    assertThat(loans.renewalPostingUnderWay(loan.loanId())).isEmpty();
    loan.repay(new BigDecimal("20000.00"), loan.account().maturityDate());
    assertThat(loans.ledger(loan.loanId()).get(11).principalPaid()).isPositive();
  }

  /**
   * An approved renewal cancelled in Cockpit before it was signed: the poll that follows the cancellation finds its
   * envelope (V136's column and index) and has the e-signature service cancel it, once.
   */
  @Test
  void anApprovedRenewalCancelledInCockpitHasItsEnvelopeCancelledAfterwards() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).extracting(RenewalRepository.EnvelopeToCancel::loanId)
        .contains(loan.loanId());
    envelopeCancellations.cancelDue();

    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CANCELLED);
    assertThat(eSignature.status(envelopeId)).contains("CANCELLED");
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).extracting(RenewalRepository.EnvelopeToCancel::loanId)
        .doesNotContain(loan.loanId());
  }

  /**
   * The loan called in (the post-loan check's transaction: the renewal told, then the ledger accelerated) while core
   * banking holds the maturity posting open: the call-in neither waits for core banking nor deadlocks with the posting,
   * the renewal ends CALLED_IN, and the posting, once answered, books nothing on the called-in loan and leaves its record
   * for an operator.
   */
  @Test
  void aCallInWhileCoreBankingPostsTheRenewalEndsItAndThePostingBooksNothing() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    LocalDate maturity = loan.account().maturityDate();
    moveClockTo(maturity.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    ExecutorService maturityJob = Executors.newSingleThreadExecutor();
    try {
      Future<RenewalPostingService.Result> posting = postingHeldOpen(maturityJob, loan, Duration.ofSeconds(10));

      new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        callIns.callingIn(loan.loanId(), "CHK-PG-" + loan.loanId());
        loans.accelerate(loan.loanId(), maturity.plusDays(15));
      });
      assertThat(posting.isDone()).as("the call-in committed while core banking still held the posting open").isFalse();
      assertThat(instance).hasPassed(END_CALLED_IN).isEnded();

      coreBanking.faults().answerNow();
      assertThatThrownBy(() -> posting.get(40, TimeUnit.SECONDS))
          .hasMessageContaining("became CALLED_IN meanwhile: nothing booked, an operator");
      assertThat(loans.findRenewalOf(loan.loanId())).as("no new loan booked on the called-in loan").isEmpty();
      assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
      assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("left for an operator").isPresent();
    } finally {
      maturityJob.shutdownNow();
    }
  }

  /**
   * A post-loan check calls the loan in (提前收回贷款并移交催收, in Tasklist) while the maturity posting holds the renewal's
   * row and is about to lock the loan's: the call-in takes the renewal's row before the loan's, the posting's order, so it
   * waits for the posting instead of one of the two failing on a deadlock (the call-in locked the loan first before).
   */
  @Test
  void aCallInConcludedWhileThePostingHoldsTheRenewalWaitsForItOnPostgres() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    MonitoringScenario monitored = aSignalCheckOpenOn(loan);
    CountDownLatch renewalLocked = new CountDownLatch(1);
    CountDownLatch lockTheLoan = new CountDownLatch(1);
    ExecutorService maturityJob = Executors.newSingleThreadExecutor();
    try {
      // the posting's first step: the renewal's row, then (once the call-in waits) the loan's
      Future<?> posting = maturityJob.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        renewals.lock(loan.loanId());
        renewalLocked.countDown();
        RowLockWaits.holdUntil(lockTheLoan);
        loans.lock(loan.loanId());
      }));
      assertThat(renewalLocked.await(30, TimeUnit.SECONDS)).as("the posting holds the renewal's row").isTrue();
      CompletableFuture<Void> callIn = CompletableFuture.runAsync(monitored::callIn);
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%FROM loan_renewal%FOR UPDATE%'",
          "the call-in waiting for the renewal's row the posting holds");

      lockTheLoan.countDown();
      posting.get(30, TimeUnit.SECONDS);
      callIn.get(30, TimeUnit.SECONDS);
    } finally {
      lockTheLoan.countDown();
      maturityJob.shutdownNow();
    }
    assertThat(instance).hasPassed(END_CALLED_IN).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(loans.acceleratedOn(loan.loanId())).as("called in").isPresent();
  }

  /**
   * The approver decides 审批续贷申请 while a post-loan check calls the loan in: the call-in holds the renewal's row (and has
   * ended the renewal's instance, its task with it, not yet committed) when the approver's completion, which read the
   * task before, reaches the renewal's row. The decision waits for the call-in under the row lock, then finds the renewal
   * CALLED_IN and is refused with the Chinese line staff read; nothing of it is written. Before, it waited on its update
   * instead, overwrote CALLED_IN with its approval and only failed on the engine's optimistic lock of the deleted task
   * (ENGINE-03005, a server error to the approver).
   */
  @Test
  void anApprovalMeetingACallInWaitsForItUnderTheRenewalsLockAndIsRefusedWritingNothingOnPostgres() throws Exception {
    stopClock();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), 45, ProcessingFixtures.strongProfile(), "500000.00").scanNow();
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_APPROVE_RENEWAL);
    String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

    RowLockWaits.Met<Void> met = meetingACallIn(loan,
        () -> completeAs("approver", task, Map.of(ApproveRenewalTaskListener.DECISION, "APPROVE",
            ApproveRenewalTaskListener.NOTE, "经营稳定, 同意续贷")),
        "query ILIKE '%loan_renewal%'", "the approval waiting for the renewal's row the call-in holds");

    assertRefusedAsCalledIn(met, loan, "the approval");
    assertThat(instance).hasPassed(END_CALLED_IN).hasNotPassed(TASK_SEND_CONTRACT).isEnded();
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.decidedBy()).as("the approval, not written").isNull();
    assertThat(renewal.decidedAt()).isNull();
    assertThat(renewal.contractNumber()).isNull();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN);
  }

  /**
   * committee2's vote to reject, the majority that concludes the committee's vote with a decline, meets a post-loan check
   * calling the loan in: the call-in holds the renewal's row (and has ended the renewal's instance, the votes with it,
   * not yet committed) when the vote's completion, which read the task before, reaches the renewal. The vote waits for
   * the call-in under the row lock, then finds the renewal CALLED_IN and is refused with the Chinese line staff read;
   * neither the vote nor the committee's decline is written. Before, it waited on the vote's foreign key instead, then
   * recorded the vote, declined the called-in renewal in the committee's name and only failed on the engine's optimistic
   * lock of the deleted task (ENGINE-03005, a server error to the member).
   */
  @Test
  void theCommitteesDecidingVoteMeetingACallInWaitsForItUnderTheRenewalsLockAndIsRefusedWritingNothingOnPostgres()
      throws Exception {
    stopClock();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), 45, ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00").scanNow();
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    voteAs("committee1", instance, "REJECT", "主要客户流失");
    String committee2sVote = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_COMMITTEE_VOTE).taskAssignee("committee2").singleResult().getId();

    RowLockWaits.Met<Void> met = meetingACallIn(loan,
        () -> completeAs("committee2", committee2sVote, Map.of(RenewalCommitteeVoteTaskListener.VOTE, "REJECT",
            RenewalCommitteeVoteTaskListener.COMMENT, "行业下行")),
        "query ILIKE '%renewal%'", "committee2's vote waiting for the renewal's row the call-in holds");

    assertRefusedAsCalledIn(met, loan, "committee2's vote");
    assertThat(instance).hasPassed(END_CALLED_IN).hasNotPassed(END_DECLINED).isEnded();
    assertThat(committee.votes(loan.loanId())).extracting(RenewalCommitteeService.StoredVote::member)
        .containsExactly("committee1");
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(renewal.decidedBy()).as("the committee's decline, not written").isNull();
    assertThat(renewal.decidedAt()).isNull();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).doesNotContain(MailTemplate.RENEWAL_DECLINED);
  }

  /** The loan's first post-loan check done and a warning signal reported: its check is open, a checker may call it in. */
  private MonitoringScenario aSignalCheckOpenOn(RenewalScenario loan) {
    return MonitoringScenario.of(loan.account(), processEngine, api, this::executeDueJobs, this::completeAs, loans,
        dailyClose).firstCheck("NORMAL").overdueElsewhere("EVT-PG-" + loan.loanId());
  }

  private Job postingJob(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL).singleResult();
  }

  /**
   * The maturity has come and the posting's job is due (its timer ran), not yet run, when the checker calls the loan in:
   * the call-in ends the renewal and takes the due job with it, so the job executor finds nothing to run; nothing is
   * posted, the borrower is mailed 续贷终止 once.
   */
  @Test
  void aCallInWhileTheMaturityJobIsDueTakesTheJobWithItOnPostgres() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    MonitoringScenario monitored = aSignalCheckOpenOn(loan);
    matured(loan, instance);
    assertThat(postingJob(instance)).as("the posting's job, due").isNotNull();

    monitored.callIn();

    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).as("jobs left to run").isZero();
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_CALLED_IN).hasNotPassed(TASK_POST_RENEWAL).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN);
  }

  /**
   * The posting's job runs as the job executor runs it (the engine's job execution, with its failure handling, not the
   * service alone) and core banking holds the posting open when the checker calls the loan in: the call-in does not wait for
   * core banking, it ends the renewal and takes the running job's row with it; the job, once answered, books nothing on
   * the called-in loan and fails, leaving neither an incident nor a retry, and its posting record for an operator.
   */
  @Test
  void aCallInWhileTheMaturityJobRunsEndsTheRenewalAndTheJobBooksNothingOnPostgres() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    matured(loan, instance);
    Job job = postingJob(instance);
    ExecutorService maturityJob = Executors.newSingleThreadExecutor();
    try {
      Future<Void> running = postingHeldOpen(maturityJob, theJob(job), Duration.ofSeconds(10));
      // The signal is reported once the posting has asked the eligibility table (one under check before would have
      // declined the renewal) and while core banking holds the posting open.
      MonitoringScenario monitored = aSignalCheckOpenOn(loan);

      monitored.callIn();
      assertThat(running.isDone()).as("the call-in committed while core banking still held the posting open").isFalse();
      assertThat(instance).hasPassed(END_CALLED_IN).isEnded();

      coreBanking.faults().answerNow();
      assertThatThrownBy(() -> running.get(40, TimeUnit.SECONDS))
          .hasMessageContaining("became CALLED_IN meanwhile: nothing booked, an operator");
    } finally {
      maturityJob.shutdownNow();
    }
    assertThat(managementService.createJobQuery().jobId(job.getId()).count()).as("the job, gone with the call-in").isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).as("incidents").isZero();
    assertThat(loans.findRenewalOf(loan.loanId())).as("no new loan booked on the called-in loan").isEmpty();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.CALLED_IN);
    assertThat(loans.acceleratedOn(loan.loanId())).as("called in").isPresent();
    assertThat(loans.renewalPostingUnderWay(loan.loanId())).as("left for an operator").isPresent();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).doesNotContain(MailTemplate.RENEWAL_COMPLETED);
  }

  /**
   * The other order: the posting's job, run as the job executor runs it, has core banking's answer and books the renewal, holding the
   * renewal's row until it commits, when the checker calls the loan in: the call-in waits for the job (the renewal's row
   * first, the posting's order), then finds the renewal RENEWED and leaves it as it is; the loan was renewed once, the
   * borrower mailed 续贷已办理 and never 续贷终止. The call-in itself is refused (as in Tasklist, naming the new loan): the renewal has
   * repaid the loan, so it is not accelerated and no collection case opens on it; the check stays open.
   */
  @Test
  void aCallInWhileTheMaturityJobBooksTheRenewalWaitsForItAndLeavesTheRenewalOnPostgres() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    matured(loan, instance);
    Job job = postingJob(instance);
    CountDownLatch loanHeld = new CountDownLatch(1);
    CountDownLatch releaseTheLoan = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    Throwable refused;
    MonitoringScenario monitored;
    try {
      Future<Void> running = postingHeldOpen(threads, theJob(job), Duration.ofSeconds(10));
      // The signal is reported once the posting has asked the eligibility table (one under check before would have
      // declined the renewal) and while core banking holds the posting open.
      monitored = aSignalCheckOpenOn(loan);
      // the loan's row, held while core banking answers: the job's booking then holds the renewal's row, waiting for it
      Future<?> holder = threads.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        loans.lock(loan.loanId());
        loanHeld.countDown();
        RowLockWaits.holdUntil(releaseTheLoan);
      }));
      assertThat(loanHeld.await(30, TimeUnit.SECONDS)).isTrue();
      coreBanking.faults().answerNow();
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%FROM loan_account%FOR UPDATE%'",
          "the job's booking, holding the renewal's row, waiting for the loan's");
      CompletableFuture<Void> callIn = CompletableFuture.runAsync(monitored::callIn);
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%FROM loan_renewal%FOR UPDATE%'",
          "the call-in waiting for the renewal's row the job holds");

      releaseTheLoan.countDown();
      holder.get(30, TimeUnit.SECONDS);
      running.get(30, TimeUnit.SECONDS);
      refused = catchThrowable(() -> callIn.get(30, TimeUnit.SECONDS));
    } finally {
      releaseTheLoan.countDown();
      threads.shutdownNow();
    }
    loan.runJobs(instance);
    assertThat(instance).hasPassed(END_RENEWED).hasNotPassed(END_CALLED_IN).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.RENEWED);
    assertRenewedOnce(loan);
    assertThat(loan.mails()).contains(MailTemplate.RENEWAL_COMPLETED).doesNotContain(MailTemplate.RENEWAL_CALLED_IN);
    // Before, the call-in went on: the old loan (0.00 principal left) accelerated and handed to collections
    String newLoanId = loans.findRenewalOf(loan.loanId()).orElseThrow().loanId();
    assertThat(refused).as("the call-in's answer").hasRootCauseInstanceOf(StateConflictException.class)
        .hasMessageContaining("无还本续贷为新借据 " + newLoanId + ", 原借据不再提前收回");
    assertThat(loans.acceleratedOn(loan.loanId())).as("old loan accelerated").isEmpty();
    assertThat(collectionCases.openCase(loan.loanId())).as("collection case of the old loan").isEmpty();
    assertThat(monitored.tasks(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY)).as("the check, still open").hasSize(1);
  }

  @Test
  void twoNodesRunningThePostingAtOnceRenewOnce() throws Exception {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signedAndMatured(loan);

    List<String> newLoans = Concurrently.run(4, () -> postings.post(loan.loanId()).newLoan().loanId());
    loan.runJobs(instance);

    assertThat(newLoans).containsOnly(newLoans.get(0));
    assertThat(instance).isEnded();
    assertRenewedOnce(loan);
  }

  @Test
  void aPrepaymentAfterSigningIsReviewedAndTheLowerAmountRenewedOnce() {
    stopClock();
    RenewalScenario loan = offeredRenewal(45);
    ProcessInstance instance = signed(loan);
    loan.repay(repayments.payoffAmount(loan.loanId(), clock.today()).subtract(new BigDecimal("40000.00")), clock.today());
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_REVIEW_AMOUNT);
    LoanRenewal review = renewals.find(loan.loanId()).orElseThrow();
    assertThat(review.status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    assertThat(review.principalDueAtMaturity()).isEqualByComparingTo("40000.00");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));
    loan.runJobs(instance);

    assertThat(instance).hasPassed(END_RENEWED).isEnded();
    assertRenewedOnce(loan);
    LoanRenewal renewed = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewed.renewalAmount()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
    assertThat(renewed.renewedAmount()).isEqualByComparingTo("40000.00");
    assertThat(renewed.amountReviewedAt()).isNotNull();
    assertThat(loans.find(renewed.newLoanId()).orElseThrow().principal()).isEqualByComparingTo("40000.00");
  }

  @Test
  void aPostingRunAfterTheDailyCloseCountedTheMaturityOverduePostsNothingAndServicingRefusesTheRenewal() {
    stopClock();
    RenewalScenario loan = offeredRenewal(52);
    ProcessInstance instance = signed(loan);
    // The job executor is down over the maturity date: the daily close of that date runs first.
    LocalDate maturity = loan.account().maturityDate();
    closeTheMaturityDateFirst(loan, maturity);
    loan.runJobs(instance);

    assertThat(instance).hasPassed(BOUNDARY_MATURITY_OVERDUE, END_MATURITY_OVERDUE).hasNotPassed(END_RENEWED).isEnded();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.MATURITY_OVERDUE);
    assertThat(coreBanking.posting(RenewalPostingService.idempotencyKey(loan.loanId()))).isEmpty();
    assertThat(loan.mails()).filteredOn(template -> template == MailTemplate.RENEWAL_MATURITY_OVERDUE).hasSize(1);
    // Servicing refuses it too, whoever asks, and writes nothing.
    assertThatThrownBy(() -> loans.renew(new RenewLoan(loan.loanId(), new BigDecimal(RenewalScenario.PRINCIPAL), "CB-PG-1")))
        .isInstanceOf(StateConflictException.class).hasMessageContaining(loan.loanId()).hasMessageContaining("OVERDUE");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isZero();
    assertThat(loans.ledger(loan.loanId()).get(11).principalDue()).isEqualByComparingTo(RenewalScenario.PRINCIPAL);
  }

  @Test
  void aLostAnswerWhoseRetryRunsAfterTheDailyCloseFailsTheJobForAnOperatorAndRecordsNothing() {
    stopClock();
    RenewalScenario loan = offeredRenewal(54);
    ProcessInstance instance = signedAndMatured(loan);
    Job posting = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL)
        .singleResult();
    coreBanking.faults().failAfterPosting(1);
    assertThatThrownBy(() -> managementService.executeJob(posting.getId())).hasMessageContaining("Core banking unavailable");
    String reference = coreBanking.posting(RenewalPostingService.idempotencyKey(loan.loanId())).orElseThrow()
        .postingReference();
    // The retry runs only after the daily close of the maturity date counted the maturity instalment overdue.
    LocalDate maturity = loan.account().maturityDate();
    closeTheMaturityDateFirst(loan, maturity);

    assertThatThrownBy(() -> managementService.executeJob(posting.getId())).hasMessageContaining("needs an operator")
        .hasMessageContaining(reference).hasMessageContaining(maturity.toString());

    assertThat(instance).isWaitingAt(TASK_POST_RENEWAL).hasNotPassed(BOUNDARY_MATURITY_OVERDUE);
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.SIGNED);
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_MATURITY_OVERDUE);
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isZero();

    // Staff see that the posting fails, and when it has stopped for an operator; the borrower's channel does not.
    String view = "/api/loans/" + loan.loanId() + "/renewal";
    assertThat(api.get(view, "zy001-acceptor").json().path("postingProblem").asText()).isEqualTo(RenewalView.POSTING_RETRIED);
    managementService.setJobRetries(posting.getId(), 0);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isOne();
    assertThat(api.get(view, "zy001-acceptor").json().path("status").asText()).isEqualTo("SIGNED");
    assertThat(api.get(view, "zy001-acceptor").json().path("postingProblem").asText())
        .isEqualTo(RenewalView.POSTING_NEEDS_OPERATOR);
    assertThat(api.get(view, CHANNEL).json().has("postingProblem")).as("the channel is told nothing of it").isFalse();
  }

  @Test
  void aLostAnswerAfterTheAmountReviewWhoseRetryRunsAfterTheDailyCloseAlsoWaitsForAnOperator() {
    stopClock();
    RenewalScenario loan = offeredRenewal(56);
    ProcessInstance instance = signed(loan);
    loan.repay(repayments.payoffAmount(loan.loanId(), clock.today()).subtract(new BigDecimal("40000.00")), clock.today());
    LocalDate maturity = loan.account().maturityDate();
    moveClockTo(maturity.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    completeAs("approver", task.getId(), Map.of(ReviewRenewalAmountTaskListener.DECISION, "RENEW_DUE",
        ReviewRenewalAmountTaskListener.NOTE, "按剩余到期本金续贷"));
    runDueTimers(instance); // the maturity has come: renewing the principal due goes on to the posting at once
    Job posting = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(TASK_POST_RENEWAL)
        .singleResult();
    coreBanking.faults().failAfterPosting(1);
    assertThatThrownBy(() -> managementService.executeJob(posting.getId())).hasMessageContaining("Core banking unavailable");
    assertThat(coreBanking.posting(RenewalPostingService.idempotencyKey(loan.loanId())).orElseThrow().amount())
        .as("core banking booked the reviewed amount").isEqualByComparingTo("40000.00");
    closeTheMaturityDateFirst(loan, maturity);

    assertThatThrownBy(() -> managementService.executeJob(posting.getId())).hasMessageContaining("needs an operator")
        .hasMessageContaining(maturity.toString());

    assertThat(instance).isWaitingAt(TASK_POST_RENEWAL).hasNotPassed(BOUNDARY_MATURITY_OVERDUE);
    LoanRenewal renewal = renewals.find(loan.loanId()).orElseThrow();
    assertThat(renewal.status()).isEqualTo(RenewalStatus.AMOUNT_REVIEW);
    assertThat(renewal.newLoanId()).isNull();
    assertThat(loan.mails()).doesNotContain(MailTemplate.RENEWAL_MATURITY_OVERDUE);
    assertThat(coreBanking.postingsOf(loan.loanId())).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE renewal_of = :l").param("l", loan.loanId())
        .query(Long.class).single()).isZero();
    String view = "/api/loans/" + loan.loanId() + "/renewal";
    assertThat(api.get(view, "zy001-acceptor").json().path("status").asText()).isEqualTo("AMOUNT_REVIEW");
    assertThat(api.get(view, "zy001-acceptor").json().path("postingProblem").asText()).isEqualTo(RenewalView.POSTING_RETRIED);
  }

  @Test
  void theCommitteeKeepsOneVotePerMemberAndAMajorityToRejectDeclinesTheRenewal() {
    stopClock();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), 45, ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00").scanNow();
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);

    voteAs("committee1", instance, "REJECT", "主要客户流失");
    assertThatThrownBy(() -> committee.vote(loan.loanId(), "committee1", RenewalCommitteeService.Vote.APPROVE, "改投同意"))
        .isInstanceOf(InvalidTaskInputException.class).hasMessageContaining("只能投一票");
    voteAs("committee2", instance, "REJECT", "行业下行");

    assertThat(instance).hasPassed(END_DECLINED).hasNotPassed(TASK_DECIDE_COMMITTEE_RESOLUTION).isEnded();
    assertThat(committee.votes(loan.loanId())).extracting(RenewalCommitteeService.StoredVote::member)
        .containsExactly("committee1", "committee2");
    LoanRenewal declined = renewals.find(loan.loanId()).orElseThrow();
    assertThat(declined.status()).isEqualTo(RenewalStatus.DECLINED);
    assertThat(declined.customerReason()).isEqualTo("OVERALL_ASSESSMENT");
  }

  /**
   * Nobody voted by the deadline and the chair reopens the vote (提交贷审会重新表决): V154's table keeps who, when and why,
   * and staff read it in the renewal's view; the members vote again.
   */
  @Test
  void aChairReopeningAVoteNobodyCastIsRecordedForStaffOnPostgres() {
    stopClock();
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans,
        clock.today(), 45, ProcessingFixtures.strongProfile(), "GROWTH", "6000000.00").scanNow();
    assertThat(loan.apply("PG-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    Task vote = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_COMMITTEE_VOTE)
        .list().get(0);
    moveClockTo(vote.getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    Task resolution = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(TASK_DECIDE_COMMITTEE_RESOLUTION).singleResult();

    completeAs("committee-chair", resolution.getId(), Map.of(ApproveRenewalTaskListener.DECISION,
        RenewalCommitteeResolutionTaskListener.REVOTE, ApproveRenewalTaskListener.NOTE, "委员出差未能表决, 请重新表决"));
    loan.runJobs(instance);

    assertThat(instance).isWaitingAt(TASK_COMMITTEE_VOTE);
    assertThat(api.get("/api/loans/" + loan.loanId() + "/renewal", "zy001-acceptor").json().path("committeeRevotes"))
        .singleElement().satisfies(revote -> {
          assertThat(revote.path("reopenedBy").asText()).isEqualTo("committee-chair");
          assertThat(revote.path("reason").asText()).isEqualTo("委员出差未能表决, 请重新表决");
        });
  }

  private void voteAs(String member, ProcessInstance instance, String vote, String reasons) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK_COMMITTEE_VOTE)
        .taskAssignee(member).singleResult();
    completeAs(member, task.getId(), Map.of(RenewalCommitteeVoteTaskListener.VOTE, vote,
        RenewalCommitteeVoteTaskListener.COMMENT, reasons));
    executeDueJobs(instance.getId());
  }

  /** The decision that met the call-in was refused with the line staff read: the renewal was called in. */
  private static void assertRefusedAsCalledIn(RowLockWaits.Met<Void> met, RenewalScenario loan, String decision) {
    assertThat(met.second()).as(decision).isInstanceOf(RuntimeException.class);
    assertThat((Throwable) met.second()).hasMessageContaining("借据 " + loan.loanId() + " 的续贷已不在审批中: "
        + RenewalStatus.CALLED_IN.label() + ", 无需再审批, 请刷新待办列表");
  }

  /**
   * A post-loan check calling the loan in (the renewal's row locked, the loan's repayment accelerated 15 days out) meets
   * {@code decision}, a person's decision on the renewal started while the call-in holds the row: what became of each.
   */
  private RowLockWaits.Met<Void> meetingACallIn(RenewalScenario loan, Runnable decision, String waiting, String what)
      throws Exception {
    return RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> callIns.callingIn(loan.loanId(), "CHK-PG-" + loan.loanId()),
        () -> {
          loans.accelerate(loan.loanId(), clock.today().plusDays(15));
          return null;
        },
        decision, jdbc, waiting, what);
  }
}
