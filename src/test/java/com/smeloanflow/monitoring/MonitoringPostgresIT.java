package com.smeloanflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.collections.CollectionCase;
import com.smeloanflow.collections.CollectionCaseService;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.processing.CreditCodes;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.servicing.ArrearsListener;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanLifecycleListener;
import com.smeloanflow.servicing.ReverseRepayment;
import com.smeloanflow.servicing.TestLoans;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.PostgresTest;
import com.smeloanflow.support.RowLockWaits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monitoring on embedded PostgreSQL 14 (the production database): every ledger test of
 * {@link MonitoringLedgerProcessTest} (floor changes at the close, the merge with the risk review,
 * settlement and write-off), concurrent reports of one signal starting one check, the re-query, a signal reported
 * while the periodic check falling due in the same moment has not committed, a called-in loan referred to collections
 * while the daily close hands it over, a LoanDisbursed correlated by hand while the daily close settles the loan, and two
 * first enrolments of one loan at once.
 * Configured as {@code AbstractPostgresIntegrationTest} is, by {@link PostgresTest} (a class extends only one base).
 */
@PostgresTest
class MonitoringPostgresIT extends MonitoringLedgerProcessTest {

  /** A statement locking a loan's row in the ledger: monitoring takes it before the loan's monitoring row. */
  private static final String LOAN_ROW = "query ILIKE '%FROM loan_account%FOR UPDATE%'";

  @Autowired PlatformTransactionManager transactionManager;
  @Autowired WarningSignalService signals;
  @Autowired MonitoringLedgerListener ledgerListener;
  @Autowired List<ArrearsListener> arrearsListeners;
  @Autowired CollectionCaseService collectionCases;

  /**
   * A chunk of the daily close holds the loan's row (it locks its loans' rows and closes them) while {@code request}
   * starts on another thread; once PostgreSQL shows that request waiting for the loan's row, the chunk tells monitoring
   * ({@code tellMonitoring}: a floor change, a settlement) and commits. Locked the other way round, the request would
   * hold the loan's monitoring row the chunk then waits for, and one of the two would fail on a deadlock.
   *
   * @return what the request answered once the chunk committed
   */
  private <T> T whileTheCloseHoldsTheLoan(String loanId, Runnable tellMonitoring, Supplier<T> request, String waiting)
      throws Exception {
    return closeHoldingTheLoan(loanId, () -> { }, tellMonitoring, request, LOAN_ROW, waiting);
  }

  /**
   * As {@link #whileTheCloseHoldsTheLoan}, the chunk having told monitoring ({@code tellMonitoring}) before
   * {@code request} starts: the chunk holds the loan's rows, its changes not committed, until PostgreSQL shows the request
   * waiting for a lock (any: a request that read the loan's monitoring without a lock waits only when it writes it).
   */
  private <T> T afterTheCloseToldMonitoring(String loanId, Runnable tellMonitoring, Supplier<T> request, String waiting)
      throws Exception {
    return closeHoldingTheLoan(loanId, tellMonitoring, () -> { }, request, "TRUE", waiting);
  }

  private <T> T closeHoldingTheLoan(String loanId, Runnable before, Runnable after, Supplier<T> request,
      String waitingStatement, String waiting) throws Exception {
    CountDownLatch loanLocked = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    ExecutorService close = Executors.newSingleThreadExecutor();
    try {
      Future<?> chunk = close.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        loans.lock(loanId);
        before.run();
        loanLocked.countDown();
        RowLockWaits.holdUntil(goOn);
        after.run();
      }));
      assertThat(loanLocked.await(30, TimeUnit.SECONDS)).as("the close holds the loan's row").isTrue();
      CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
      RowLockWaits.awaitStatementWaitingForALock(jdbc, waitingStatement, waiting + " waiting for the loan's row the close holds");

      goOn.countDown();
      chunk.get(30, TimeUnit.SECONDS);
      return answer.get(30, TimeUnit.SECONDS);
    } finally {
      goOn.countDown();
      close.shutdownNow();
    }
  }

  /**
   * The close finds the loan a day past due (the floor 关注), records it in the ledger as a chunk does, and tells
   * monitoring: the table puts the loan on the watch list.
   */
  private Runnable fallsOverdue(String loanId) {
    return () -> {
      jdbc.sql("UPDATE loan_account SET days_past_due = 1, overdue_since = :day, dpd_classification = 'SPECIAL_MENTION'"
          + " WHERE loan_id = :loanId").param("day", clock.today()).param("loanId", loanId).update();
      ledgerListener.floorChanged(clock.today(), List.of(new LoanLifecycleListener.FloorChange(loanId,
          Classification.SPECIAL_MENTION, Classification.NORMAL, 1)));
    };
  }

  private Runnable floorChange(String loanId) {
    return () -> ledgerListener.floorChanged(clock.today(), List.of(new LoanLifecycleListener.FloorChange(loanId,
        Classification.SPECIAL_MENTION, Classification.NORMAL, 1)));
  }

  @Test
  void aSignalReportedWhileTheDailyCloseHoldsTheLoanWaitsForTheCloseInsteadOfDeadlockingOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");

    // a serious signal reclassifies the loan (关注), which the ledger records: the report needs the loan's row
    Response answer = whileTheCloseHoldsTheLoan(loan.loanId(), floorChange(loan.loanId()), () -> api.post("/api/loans/"
        + loan.loanId() + "/signals", "core-banking", MonitoringScenario.signal("PG-LOCK-" + loan.loanId(), "ACCOUNT_FROZEN",
        "账户冻结", null)), "the report");

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).as("the ledger's classification after the report")
        .isEqualTo(Classification.SPECIAL_MENTION);
  }

  @Test
  void aFirstCheckRecordedWhileTheDailyCloseHoldsTheLoanWaitsForTheCloseInsteadOfDeadlockingOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today());
    String first = loan.task(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).getId();

    // remote banking records the first check (首次贷后检查): its conclusion is classified, which needs the loan's row
    whileTheCloseHoldsTheLoan(loan.loanId(), floorChange(loan.loanId()), () -> {
      completeAs("remote-verifier", first, Map.of("fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult",
          "NORMAL", "firstCheckNotes", "电话回访: 经营正常"));
      return null;
    }, "the first check");

    assertThat(monitoring.view(loan.loanId()).checks()).singleElement().satisfies(check -> {
      assertThat(check.kind()).isEqualTo(CheckKind.FIRST);
      assertThat(check.status()).isEqualTo(PostLoanCheck.DONE);
    });
  }

  @Test
  void aReclassificationApprovedWhileTheDailyCloseSettlesTheLoanWaitsForTheCloseAndIsToldItWasWithdrawnOnPostgres()
      throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    Response proposed = api.post("/api/loans/" + loan.loanId() + "/reclassifications", "zy001-cm",
        "{\"classification\": \"SUBSTANDARD\", \"reason\": \"企业主要客户破产\"}");
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    String approval = loan.task(PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION).getId();

    // the close settles the loan and tells monitoring, which ends and withdraws the pending reclassification; the
    // approval applies the reclassification, which the ledger records: it needs the loan's row
    Response decided = whileTheCloseHoldsTheLoan(loan.loanId(),
        () -> ledgerListener.settled(clock.today(), List.of(loan.loanId())),
        () -> api.post("/engine-rest/task/" + approval + "/complete", "approver", "{\"variables\": {\""
            + ReclassificationApprovalTaskListener.DECISION + "\": {\"value\": \"APPROVE\"}, \""
            + ReclassificationApprovalTaskListener.NOTE + "\": {\"value\": \"同意\"}}}"), "the approval");

    assertThat(decided.status()).as(decided.toString()).isEqualTo(400);
    assertThat(decided.json().path("message").asText()).contains("借据 " + loan.loanId()
        + " 已没有待审批的风险分类调整 (已审批, 或已随贷后监控结束而撤销), 无需再审批, 请刷新待办列表");
    assertThat(monitoring.view(loan.loanId()).reclassifications()).singleElement()
        .extracting(MonitoringView.ProposalView::status).isEqualTo(ReclassificationProposal.CANCELLED);
    assertThat(loans.standing(loan.loanId()).orElseThrow().classification()).as("the ledger's classification")
        .isEqualTo(Classification.NORMAL);
  }

  @Test
  void aReclassificationProposedWhileTheDailyCloseSettlesTheLoanWaitsForTheCloseAndIsToldMonitoringEndedOnPostgres()
      throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");

    // the close settles the loan and tells monitoring, which ends (withdrawing what is pending); the proposal needs the
    // loan's rows to see whether it is still monitored and has nothing pending
    Response proposed = whileTheCloseHoldsTheLoan(loan.loanId(),
        () -> ledgerListener.settled(clock.today(), List.of(loan.loanId())),
        () -> api.post("/api/loans/" + loan.loanId() + "/reclassifications", "zy001-cm",
            "{\"classification\": \"SUBSTANDARD\", \"reason\": \"企业主要客户破产\"}"), "the proposal");

    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(409);
    assertThat(proposed.json().path("detail").asText()).contains("借据 " + loan.loanId() + " 的贷后监控已结束 (贷款已结清",
        "不能再提出风险分类调整");
    assertThat(monitoring.view(loan.loanId()).reclassifications()).as("nothing left pending on a loan no longer monitored")
        .isEmpty();
    assertThat(loan.openTasks()).isEmpty();
  }

  @Test
  void aCalledInLoanReferredWhileTheDailyCloseHandsItToCollectionsGetsOneCaseWithoutADeadlockOnPostgres()
      throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL").overdueElsewhere("PG-CALL-IN-" + clock.today());
    completeAs("remote-verifier", loan.task(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY).getId(), Map.of(
        PostLoanCheckTaskListener.CONCLUSION, "CALL_IN", PostLoanCheckTaskListener.FINDINGS, "已核实: 他行贷款逾期"));
    Job referral = managementService.createJobQuery().processInstanceId(loan.checkInstanceIds().get(0))
        .activityId(PostLoanCheckProcess.Elements.TASK_REFER_TO_COLLECTIONS).singleResult();
    assertThat(referral).as("移交催收 waits as a job").isNotNull();

    // the close's hand-over of overdue loans locks them (the loan among them) and opens their cases, while 移交催收 runs:
    // a case's row refers to the loan's, so a referral that did not lock the loan first held its new case (one open case
    // per loan) while it waited for the loan's row, and the close, opening the same loan's case, waited for that case
    Object referred = closeHoldingTheLoan(loan.loanId(), () -> { }, () -> arrearsListeners.forEach(listener -> listener.overdue(
        clock.today(), List.of(new ArrearsListener.OverdueLoan(loan.loanId(), "ZY001", 1)))), () -> {
          try {
            managementService.executeJob(referral.getId());
            return "referred";
          } catch (RuntimeException e) {
            return e;
          }
        }, "(" + LOAN_ROW + " OR query ILIKE '%INSERT INTO collection_case%')", "移交催收");

    assertThat(referred).as("移交催收").isEqualTo("referred");
    assertThat(collectionCases.casesOf(loan.loanId())).as("the called-in loan's collection cases").singleElement()
        .extracting(CollectionCase::status).isEqualTo(CollectionCase.OPEN);
    startCollectionProcesses();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).as("collection processes of the loan").isEqualTo(1);
  }

  @Test
  void twoReclassificationsProposedAtOnceLeaveOnePendingAndTellTheOtherOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");

    List<Response> answers = Concurrently.run(2, () -> api.post("/api/loans/" + loan.loanId() + "/reclassifications",
        "zy001-cm", "{\"classification\": \"SUBSTANDARD\", \"reason\": \"企业主要客户破产\"}"));

    assertThat(answers).extracting(Response::status).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
    assertThat(answers).filteredOn(a -> a.status() == 409).singleElement().satisfies(refused -> assertThat(
        refused.json().path("detail").asText()).contains("借据 " + loan.loanId() + " 已有待审批的风险分类调整"));
    assertThat(monitoring.view(loan.loanId()).reclassifications()).singleElement()
        .extracting(MonitoringView.ProposalView::status).isEqualTo(ReclassificationProposal.PENDING);
    assertThat(loan.openTasks()).as("one approval to decide").singleElement().satisfies(task -> assertThat(
        task.getTaskDefinitionKey()).isEqualTo(PostLoanMonitoringProcess.Elements.TASK_APPROVE_RECLASSIFICATION));
  }

  @Test
  void aNextCheckScheduledWhileTheDailyCloseWatchListsTheLoanFallsDueInAMonthOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today());
    completeAs("remote-verifier", loan.task(PostLoanMonitoringProcess.Elements.TASK_FIRST_POST_LOAN_CHECK).getId(),
        Map.of("fundsUsedAsAgreed", true, "businessNormal", true, "firstCheckResult", "NORMAL", "firstCheckNotes",
            "电话回访: 经营正常"));
    Job schedule = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TASK_SCHEDULE_NEXT_CHECK).singleResult();
    assertThat(schedule).as("安排下次定期检查 waits as a job").isNotNull();

    // the close puts the loan on the watch list (its next check is due in a month), finding no timer to move yet, while
    // 安排下次定期检查 runs: it must schedule from what the close committed, not from what it read before
    afterTheCloseToldMonitoring(loan.loanId(), fallsOverdue(loan.loanId()), () -> {
      managementService.executeJob(schedule.getId());
      return null;
    }, "安排下次定期检查");

    assertThat(monitoring.view(loan.loanId()).rhythm()).isEqualTo("MONTHLY");
    assertThat(monitoring.view(loan.loanId()).nextCheckDue()).as("a month after the first check, on the watch list")
        .isEqualTo(clock.today().plusMonths(1));
    assertThat(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult().getDuedate())
        .isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(1)));
  }

  @Test
  void aPeriodicCheckFallingDueWhileASignalsCheckCommitsIsRetriedAndThenOpensNoneOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult();
    CountDownLatch signalReported = new CountDownLatch(1);
    CountDownLatch commitSignal = new CountDownLatch(1);
    ExecutorService staff = Executors.newSingleThreadExecutor();
    try {
      Future<?> reported = staff.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        signals.report(new ReportSignal(loan.loanId(), "PG-NEWS-" + loan.loanId(), "NEGATIVE_NEWS", clock.today().minusDays(1),
            "网络报道企业拖欠货款", null, "remote-verifier"));
        signalReported.countDown();
        RowLockWaits.holdUntil(commitSignal);
      }));
      assertThat(signalReported.await(30, TimeUnit.SECONDS)).as("the signal's check opened, not committed").isTrue();
      CompletableFuture<Void> due = CompletableFuture.runAsync(() -> managementService.executeJob(timer.getId()));
      // 发起定期检查 locks the loan (its ledger row, then its monitoring row), which the signal's report holds
      RowLockWaits.awaitStatementWaitingForALock(jdbc, LOAN_ROW,
          "the periodic check falling due waiting for the loan's rows the signal holds");

      commitSignal.countDown();
      reported.get(30, TimeUnit.SECONDS);
      assertThatThrownBy(() -> due.get(30, TimeUnit.SECONDS)).as("it did not see the signal's check: the engine refuses it")
          .hasCauseInstanceOf(OptimisticLockingException.class);
    } finally {
      commitSignal.countDown();
      staff.shutdownNow();
    }
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);
    managementService.executeJob(timer.getId()); // the job executor tries the job again
    loan.runJobs();

    assertThat(loan.openTasks()).as("one check of the loan: the signal's").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY));
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(loan.monitoring())
        .isWaitingAt(PostLoanMonitoringProcess.Elements.EVENT_SIGNAL_CHECKS_DONE);
  }

  @Test
  void aSignalReportedWhileThePeriodicCheckFallingDueCommitsWaitsForItThenTakesItOverOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult();
    CountDownLatch periodicOpened = new CountDownLatch(1);
    CountDownLatch commitPeriodic = new CountDownLatch(1);
    ExecutorService jobExecutor = Executors.newSingleThreadExecutor();
    try {
      Future<?> due = jobExecutor.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        managementService.executeJob(timer.getId());
        periodicOpened.countDown();
        RowLockWaits.holdUntil(commitPeriodic);
      }));
      assertThat(periodicOpened.await(30, TimeUnit.SECONDS)).as("the periodic check opened, not committed").isTrue();
      CompletableFuture<Response> report = CompletableFuture.supplyAsync(() -> api.post("/api/loans/" + loan.loanId()
          + "/signals", "core-banking", MonitoringScenario.signal("PG-FRZ-" + loan.loanId(), "ACCOUNT_FROZEN", "账户冻结", null)));
      // the report locks the loan (its ledger row, then its monitoring row), which the uncommitted periodic check holds
      RowLockWaits.awaitStatementWaitingForALock(jdbc, LOAN_ROW,
          "the signal waiting for the loan's rows the periodic check holds");

      commitPeriodic.countDown();
      due.get(30, TimeUnit.SECONDS);
      Response answer = report.get(30, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    } finally {
      commitPeriodic.countDown();
      jobExecutor.shutdownNow();
    }
    loan.runJobs();

    assertThat(loan.openTasks()).as("one check of the loan: the signal's, on site").singleElement()
        .satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo(PostLoanCheckProcess.Elements.TASK_CHECK_ON_SITE));
    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(c -> c.kind() == CheckKind.PERIODIC).singleElement()
        .satisfies(periodic -> assertThat(periodic.status()).isEqualTo(PostLoanCheck.CANCELLED));
  }


  @Test
  void aSignalsCheckCompletedWhileThePeriodicCheckFallingDueCommitsIsDoneAndLeavesOneNextPeriodicCheckOnPostgres()
      throws Exception {
    MonitoringScenario loan = signalCheckOpenAsThePeriodFallsDue();
    Job timer = periodicCheckTimer(loan);
    Task check = signalCheckTask(loan);
    CountDownLatch periodFellDue = new CountDownLatch(1);
    CountDownLatch commitPeriod = new CountDownLatch(1);
    ExecutorService jobExecutor = Executors.newSingleThreadExecutor();
    try {
      Future<?> due = jobExecutor.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        managementService.executeJob(timer.getId());
        periodFellDue.countDown();
        RowLockWaits.holdUntil(commitPeriod);
      }));
      assertThat(periodFellDue.await(30, TimeUnit.SECONDS)).as("the period fell due, not committed").isTrue();
      CompletableFuture<Response> completed = CompletableFuture.supplyAsync(() -> api.post("/engine-rest/task/" + check.getId()
          + "/complete", "remote-verifier", CHECKED_NORMAL));
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "TRUE", "the completion waiting for what the period falling due holds");

      commitPeriod.countDown();
      due.get(30, TimeUnit.SECONDS);
      Response answer = completed.get(30, TimeUnit.SECONDS);
      assertThat(answer.status()).as("the checker's completion is done, not refused: " + answer.body()).isEqualTo(204);
    } finally {
      commitPeriod.countDown();
      jobExecutor.shutdownNow();
    }
    loan.runJobs();

    assertOneNextPeriodicCheckAQuarterFromToday(loan);
  }

  @Test
  void aPeriodicCheckFallingDueWhileASignalsCheckIsCompletedFailsOnTheEngineAndItsRetryLeavesOneNextPeriodicCheckOnPostgres()
      throws Exception {
    MonitoringScenario loan = signalCheckOpenAsThePeriodFallsDue();
    Job timer = periodicCheckTimer(loan);
    Task check = signalCheckTask(loan);
    CountDownLatch checkCompleted = new CountDownLatch(1);
    CountDownLatch commitCheck = new CountDownLatch(1);
    ExecutorService staff = Executors.newSingleThreadExecutor();
    try {
      Future<?> completed = staff.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        completeAs("remote-verifier", check.getId(), Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
            PostLoanCheckTaskListener.FINDINGS, "已核实: 正常", "borrowerReached", true));
        checkCompleted.countDown();
        RowLockWaits.holdUntil(commitCheck);
      }));
      assertThat(checkCompleted.await(30, TimeUnit.SECONDS)).as("the signal's check completed, not committed").isTrue();
      CompletableFuture<Void> due = CompletableFuture.runAsync(() -> managementService.executeJob(timer.getId()));
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "TRUE", "the period falling due waiting for what the completion holds");

      commitCheck.countDown();
      completed.get(30, TimeUnit.SECONDS);
      assertThatThrownBy(() -> due.get(30, TimeUnit.SECONDS)).as("the timer moved by the completion: the engine refuses it")
          .hasCauseInstanceOf(OptimisticLockingException.class);
    } finally {
      commitCheck.countDown();
      staff.shutdownNow();
    }
    moveClockBy(Duration.ofMinutes(3)); // the job executor tries the timer again two minutes after it failed
    loan.runJobs();

    assertThat(loan.monitoring().getId()).satisfies(id -> assertThat(historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(id).activityId(PostLoanMonitoringProcess.Elements.TASK_OPEN_PERIODIC_CHECK).count())
        .as("the retry found the period moved: 定期检查是否仍到期? 否").isZero());

    assertOneNextPeriodicCheckAQuarterFromToday(loan);
  }

  private static final String CHECKED_NORMAL = """
      {"variables": {
        "checkConclusion": {"value": "NORMAL", "type": "String"},
        "checkFindings": {"value": "已核实: 正常", "type": "String"},
        "borrowerReached": {"value": true, "type": "Boolean"}}}
      """;

  /** A signal's check (remote) opened 80 days after the first check; the clock then stands where the period ends. */
  private MonitoringScenario signalCheckOpenAsThePeriodFallsDue() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(80));
    Response reported = loan.report("remote-verifier", MonitoringScenario.signal("PG-NEWS-" + loan.loanId(), "NEGATIVE_NEWS",
        "网络报道企业拖欠货款", null));
    assertThat(reported.status()).as(reported.body()).isEqualTo(201);
    moveClockTo(periodicCheckTimer(loan).getDuedate().toInstant());
    return loan;
  }

  private Job periodicCheckTimer(MonitoringScenario loan) {
    Job timer = managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).singleResult();
    assertThat(timer).as("定期检查已到期").isNotNull();
    return timer;
  }

  private Task signalCheckTask(MonitoringScenario loan) {
    String checkId = monitoring.view(loan.loanId()).checks().stream().filter(c -> c.kind() == CheckKind.SIGNAL)
        .map(MonitoringView.CheckView::checkId).findFirst().orElseThrow();
    return taskService.createTaskQuery().processInstanceId(loan.checkInstance(checkId).getId()).singleResult();
  }

  private void assertOneNextPeriodicCheckAQuarterFromToday(MonitoringScenario loan) {
    assertThat(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).list()).as("exactly one next periodic check")
        .singleElement().satisfies(next -> assertThat(next.getDuedate())
            .isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3))));
    assertThat(runtimeService.createExecutionQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.EVENT_SIGNAL_CHECKS_DONE).count())
        .as("nothing left waiting for the checks of signals").isZero();
    assertThat(loan.openTasks()).isEmpty();
    assertThat(monitoring.view(loan.loanId()).checks()).noneMatch(c -> c.kind() == CheckKind.PERIODIC);
  }

  /**
   * The checker submits the report of a periodic check (远程核查贷后风险) while an operator cancels its process instance.
   * The report, first, holds the loan; the cancellation waits for it, then finds the check concluded: the engine refuses
   * the deletion of what the report ended, nothing of it kept. The check is done, monitoring waits a quarter for its next
   * periodic check, and no check is left open.
   */
  @Test
  void aPeriodicCheckCancelledWhileItsReportIsSubmittedIsDoneAndLeavesNothingOpenOnPostgres() throws Exception {
    MonitoringScenario loan = periodicCheckDue();
    String checkId = openPeriodicCheck(loan);
    String instance = loan.checkInstance(checkId).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();

    RowLockWaits.Met<Object> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> completeAs("remote-verifier", task.getId(), CHECKED_NORMAL_VARIABLES), () -> null,
        () -> cancelAsAdmin(instance), jdbc, "TRUE", "the cancellation waiting for the report's rows");
    loan.runJobs();

    assertThat(met.second()).as("the cancellation refused").isInstanceOf(RuntimeException.class);
    assertThat(monitoring.view(loan.loanId()).checks()).filteredOn(c -> c.checkId().equals(checkId)).singleElement()
        .extracting(MonitoringView.CheckView::status).isEqualTo(PostLoanCheck.DONE);
    assertThat(managementService.createJobQuery().processInstanceId(loan.monitoring().getId())
        .activityId(PostLoanMonitoringProcess.Elements.TIMER_PERIODIC_CHECK_DUE).list()).as("exactly one next periodic check")
        .singleElement().satisfies(next -> assertThat(next.getDuedate())
            .isEqualTo(MonitoringPolicy.startOf(clock.today().plusMonths(3))));
    assertThat(loan.openTasks()).isEmpty();
    assertThat(monitoring.view(loan.loanId()).checks()).extracting(MonitoringView.CheckView::status)
        .doesNotContain(PostLoanCheck.OPEN);
  }

  /**
   * As above, the other way round: the cancellation, first, holds the loan and the checker's report waits for it. The
   * check is recorded cancelled and monitoring opens one new periodic check (the period still due); the report is
   * refused with the check's cancellation named, so nothing is recorded twice and one periodic check is open.
   */
  @Test
  void aReportSubmittedWhileItsPeriodicCheckIsCancelledIsRefusedAndOneNewPeriodicCheckOpensOnPostgres() throws Exception {
    MonitoringScenario loan = periodicCheckDue();
    String checkId = openPeriodicCheck(loan);
    String instance = loan.checkInstance(checkId).getId();
    Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();

    RowLockWaits.Met<Object> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> cancelAsAdmin(instance), () -> null,
        () -> completeAs("remote-verifier", task.getId(), CHECKED_NORMAL_VARIABLES), jdbc, "TRUE",
        "the report waiting for the cancellation's rows");
    loan.runJobs();

    assertThat(met.second()).as("the report refused").isInstanceOf(RuntimeException.class);
    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.checks()).filteredOn(c -> c.checkId().equals(checkId)).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(PostLoanCheck.CANCELLED);
      assertThat(c.cancelReason()).isEqualTo("核查流程已由运维人员 admin 终止 (误操作)");
    });
    assertThat(view.checks()).filteredOn(c -> c.kind() == CheckKind.PERIODIC && PostLoanCheck.OPEN.equals(c.status()))
        .as("one new periodic check, no duplicate").singleElement().extracting(MonitoringView.CheckView::checkId)
        .isNotEqualTo(checkId);
    assertThat(loan.openTasks()).singleElement().extracting(Task::getTaskDefinitionKey)
        .isEqualTo(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY);
  }

  private static final Map<String, Object> CHECKED_NORMAL_VARIABLES = Map.of(PostLoanCheckTaskListener.CONCLUSION, "NORMAL",
      PostLoanCheckTaskListener.FINDINGS, "已核实: 正常", "borrowerReached", true);

  /** A loan's periodic check open: the first check done, a quarter and a few days later. */
  private MonitoringScenario periodicCheckDue() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    moveClockBy(Duration.ofDays(93));
    loan.runJobs();
    return loan;
  }

  private String openPeriodicCheck(MonitoringScenario loan) {
    return monitoring.view(loan.loanId()).checks().stream()
        .filter(c -> c.kind() == CheckKind.PERIODIC && PostLoanCheck.OPEN.equals(c.status()))
        .map(MonitoringView.CheckView::checkId).findFirst().orElseThrow();
  }

  /** An operator cancels an instance (as Cockpit does: authenticated, custom listeners skipped), giving a reason. */
  private void cancelAsAdmin(String processInstanceId) {
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    try {
      runtimeService.deleteProcessInstance(processInstanceId, "误操作", true);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * An operator correlates LoanClosed by hand (Cockpit, engine REST) while a signal's report holds the loan, its signal
   * and its check's start not committed: 结束贷后监控 reads the loan's monitoring without the loan's lock, but the engine
   * read the instance before it, so the correlation fails on the engine's conflict check once the report commits
   * (OptimisticLockingException on a timer the report moved as its signal put the loan on the watch list; nothing kept)
   * and, repeated, ends monitoring with the reported signal and its check's start cancelled. Nothing is left open.
   */
  @Test
  void loanClosedCorrelatedByHandWhileASignalIsReportedLeavesNothingOpenOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    CountDownLatch reported = new CountDownLatch(1);
    CountDownLatch commitReport = new CountDownLatch(1);
    ExecutorService reporter = Executors.newSingleThreadExecutor();
    Runnable correlateByHand = () -> runtimeService.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_CLOSED)
        .processInstanceId(loan.monitoring().getId()).correlateAllWithResult();
    String operator;
    try {
      Future<?> report = reporter.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        signals.report(new ReportSignal(loan.loanId(), "PG-BYHAND-" + loan.loanId(), "ACCOUNT_FROZEN", clock.today(),
            "账户冻结", null, "core-banking"));
        reported.countDown();
        RowLockWaits.holdUntil(commitReport);
      }));
      assertThat(reported.await(30, TimeUnit.SECONDS)).as("the signal reported, not committed").isTrue();
      CompletableFuture<Void> byHand = CompletableFuture.runAsync(correlateByHand);
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "TRUE", "the correlation waiting for the report's rows");

      commitReport.countDown();
      report.get(30, TimeUnit.SECONDS);
      try {
        byHand.get(30, TimeUnit.SECONDS);
        operator = "ended";
      } catch (java.util.concurrent.ExecutionException e) {
        operator = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        assertThat(monitoring.view(loan.loanId()).signals()).as("refused, nothing of it kept (%s)", operator)
            .extracting(MonitoringView.SignalView::status).containsExactly(WarningSignal.OPEN);
        correlateByHand.run();  // the operator tries again
      }
    } finally {
      commitReport.countDown();
      reporter.shutdownNow();
    }
    loan.runJobs();

    MonitoringView view = monitoring.view(loan.loanId());
    assertThat(view.status()).as(operator).isEqualTo(MonitoredLoan.ENDED);
    assertThat(view.signals()).as(operator).extracting(MonitoringView.SignalView::status).doesNotContain(WarningSignal.OPEN);
    assertThat(view.checks()).as(operator).extracting(MonitoringView.CheckView::status).doesNotContain(PostLoanCheck.OPEN);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(loan.loanId()).count())
        .as("no instance of the loan still running (%s)", operator).isZero();
  }

  /**
   * An operator ended a loan's monitoring by hand (LoanClosed) and correlates LoanDisbursed by hand while a chunk of the
   * daily close settles the loan: 登记贷后监控 waits for the loan's row the close holds, reads the ended monitoring and the
   * loan again once the close committed, finds the loan settled and is refused. Read without the lock, the loan was still
   * on the books, and monitoring started again for a loan the close settled.
   */
  @Test
  void aLoanDisbursedCorrelatedByHandWhileTheDailyCloseSettlesTheLoanWaitsForTheCloseAndIsRefusedOnPostgres()
      throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).firstCheck("NORMAL");
    runtimeService.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_CLOSED)
        .processInstanceId(loan.monitoring().getId()).correlateAllWithResult();
    assertThat(monitoring.view(loan.loanId()).status()).as("ended by hand").isEqualTo(MonitoredLoan.ENDED);

    Response answer = whileTheCloseHoldsTheLoan(loan.loanId(), settles(loan.loanId()),
        () -> loanDisbursedByHand(loan.loanId()), "the LoanDisbursed correlated by hand");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("message").asText()).isEqualTo("借据 " + loan.loanId() + " 已不在账 (贷款已结清, SETTLED),"
        + " 不再登记贷后监控 (loan " + loan.loanId() + " is off the books (SETTLED): not put under post-loan monitoring)");
    assertThat(runningMonitoring(loan.loanId())).as("no monitoring of the settled loan").isEmpty();
    assertThat(monitoring.view(loan.loanId()).status()).isEqualTo(MonitoredLoan.ENDED);
  }

  /**
   * Two first enrolments of one loan at once (two LoanDisbursed for a loan not yet monitored, e.g. one by hand beside
   * the disbursement's own): the first holds the loan's row and its new monitoring row uncommitted; the second waits for
   * the loan's row, reads the first's row once it committed and is refused with the 400 of a second enrolment after the
   * first. Before, the second read no row, inserted its own and failed on monitored_loan's primary key.
   */
  @Test
  void twoFirstEnrolmentsOfOneLoanAtOnceMonitorItOnceAndRefuseTheSecondAsASequentialOneOnPostgres() throws Exception {
    LoanAccount account = TestLoans.with(intakeService, loans).branch("ZY001").creditCode(CreditCodes.fresh())
        .disbursedOn(clock.today());
    String loanId = account.loanId();
    AtomicReference<ProcessInstance> first = new AtomicReference<>();
    AtomicReference<Response> second = new AtomicReference<>();

    RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> first.set(runtimeService.createMessageCorrelation(PostLoanMonitoringProcess.Messages.LOAN_DISBURSED)
            .processInstanceBusinessKey(loanId).correlateStartMessage()),
        first::get, () -> second.set(loanDisbursedByHand(loanId)), jdbc, "TRUE",
        "the second LoanDisbursed waiting for the first enrolment");

    String instance = first.get().getId();
    assertThat(second.get().status()).as(second.get().toString()).isEqualTo(400);
    assertThat(second.get().json().path("message").asText()).isEqualTo("借据 " + loanId + " 已在贷后监控中 (流程实例 "
        + instance + "), 不再重复登记贷后监控 (loan " + loanId + " is already under post-loan monitoring by process"
        + " instance " + instance + ": not enrolled twice)");
    assertThat(runningMonitoring(loanId)).as("one monitoring of the loan").extracting(ProcessInstance::getId)
        .containsExactly(instance);
    assertThat(monitoring.find(loanId).orElseThrow()).satisfies(row -> {
      assertThat(row.monitoring()).isTrue();
      assertThat(row.processInstanceId()).isEqualTo(instance);
    });
  }

  /**
   * A reversal reopening a settled loan (its payoff bounced) starts its monitoring again and decides its review again
   * (关注 by the first check) in its own transaction, holding the loan's row, then its monitoring row; a LoanDisbursed
   * correlated by hand for the loan at that moment waits for the loan's row, not the other way round, and once the
   * reversal committed finds the loan monitored and is refused: one monitoring, on the watch list, no deadlock.
   */
  @Test
  void aLoanDisbursedByHandWhileAReversalReopensTheLoanWaitsForItAndTheLoanIsMonitoredOnceOnTheWatchListOnPostgres()
      throws Exception {
    SettledAfterAWatchCheck settled = settledAfterAWatchCheck();
    String loanId = settled.loan().loanId();
    AtomicReference<Response> byHand = new AtomicReference<>();

    RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> repayments.reverse(new ReverseRepayment(loanId, settled.payoff(), "付款行退票", "core-banking")),
        () -> null, () -> byHand.set(loanDisbursedByHand(loanId)), jdbc, LOAN_ROW,
        "the LoanDisbursed by hand waiting for the loan's row the reversal holds");

    assertThat(byHand.get().status()).as(byHand.get().toString()).isEqualTo(400);
    assertThat(byHand.get().json().path("message").asText()).contains("已在贷后监控中");
    assertThat(runningMonitoring(loanId)).as("one monitoring of the loan").hasSize(1);
    assertWatchListedAgain(settled.loan());
  }

  /** The close settles the loan, records it in the ledger as a chunk does, and tells monitoring. */
  private Runnable settles(String loanId) {
    return () -> {
      jdbc.sql("UPDATE loan_account SET status = 'SETTLED', closed_on = :day WHERE loan_id = :loanId")
          .param("day", clock.today()).param("loanId", loanId).update();
      ledgerListener.settled(clock.today(), List.of(loanId));
    };
  }

  @Test
  void concurrentReportsOfOneSignalStartOneCheckOnPostgres() throws Exception {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today());
    AtomicInteger event = new AtomicInteger();

    List<Response> answers = Concurrently.run(6, () -> api.post("/api/loans/" + loan.loanId() + "/signals", "core-banking",
        MonitoringScenario.signal("PG-" + event.incrementAndGet() + "-" + loan.loanId(), "ACCOUNT_FROZEN", "账户冻结", null)));

    assertThat(answers).extracting(Response::status).containsOnly(201, 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    loan.runJobs();
    assertThat(loan.checkInstanceIds()).hasSize(1);
    assertThat(monitoring.view(loan.loanId()).signals()).hasSize(6);
  }

  @Test
  void theReQueryFindsANewEnforcementCaseOnPostgres() {
    MonitoringScenario loan = MonitoringScenario.loan(processEngine, api, this::executeDueJobs, this::completeAs, intakeService,
        loans, dailyClose, "ZY001", clock.today()).requeryNow();

    loan.externalData(ProcessingFixtures.withCourt(loan.profile(), new SandboxProfile.Court(3, false))).requeryNow();

    assertThat(monitoring.view(loan.loanId()).signals()).singleElement().satisfies(signal -> {
      assertThat(signal.type()).isEqualTo(SignalType.COURT_ENFORCEMENT);
      assertThat(signal.severity()).isEqualTo(SignalSeverity.SERIOUS);
    });
    assertThat(loan.openTasks()).hasSize(2);
  }
}
