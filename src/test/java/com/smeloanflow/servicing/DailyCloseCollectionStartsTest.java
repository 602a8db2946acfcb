package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.smeloanflow.collections.CollectionCase;
import com.smeloanflow.collections.CollectionCaseService;
import com.smeloanflow.collections.CollectionProcessStartSchedule;
import com.smeloanflow.collections.CollectionProcessStarts;
import com.smeloanflow.collections.CollectionRepository;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CollectionProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily close opens the overdue loans' collection cases as rows and completes; their collection
 * processes are started after it ({@link CollectionProcessStarts}), each exactly once: whether the close's
 * collections step crashed and was redone, two nodes start at the same time, or a start failed and was
 * retried. Each test works in an era of its own ({@link BusinessDates}).
 */
class DailyCloseCollectionStartsTest extends AbstractIntegrationTest {

  @Autowired DailyCloseService dailyClose;
  @Autowired LoanAccountService loans;
  @Autowired LedgerCloseStatements statements;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired BusinessClock clock;
  @Autowired CollectionCaseService cases;
  @Autowired CollectionRepository caseRows;
  @Autowired RepaymentService repayments;
  @Autowired MailOutbox outbox;
  @Autowired(required = false) List<ArrearsListener> listeners = List.of();

  private LocalDate firstDue;
  private final List<LoanAccount> book = new ArrayList<>();
  private final List<DailyCloseService> nodes = new ArrayList<>();

  @BeforeEach
  void overdueBook() {
    LocalDate disbursed = BusinessDates.era();
    firstDue = disbursed.plusMonths(1);
    for (int k = 0; k < 5; k++) {
      book.add(TestLoans.with(intakeService, loans).disbursedOn(disbursed));
    }
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(DailyCloseService::destroy);
  }

  @Test
  void theCloseOpensTheCasesAndCompletesAndEachCaseProcessStartsAfterItOnce() {
    DailyCloseRun run = dailyClose.close(firstDue);

    assertThat(run.completed()).isTrue();
    assertThat(run.collectionLoans()).isEqualTo(5);
    assertThat(book).allSatisfy(loan -> {
      CollectionCase opened = cases.openCase(loan.loanId()).orElseThrow();
      assertThat(opened.openedOn()).isEqualTo(firstDue);
      assertThat(opened.processInstanceId()).as("started after the close, not in it").isNull();
      assertThat(instancesOf(loan)).isZero();
    });

    assertThat(startCollectionProcesses()).isGreaterThanOrEqualTo(5);
    assertThat(startCollectionProcesses()).isZero();

    assertEachLoanHasOneCaseWithOneProcess();
    assertThat(dailyClose.run(firstDue).orElseThrow().status()).isEqualTo(DailyCloseRun.COMPLETED);
  }

  @Test
  void theNodesPollerStartsNoProcessWhileTheCloseRunsAndEveryCaseProcessRightAfterIt() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Hand-over chunks of two loans: the close holds in its second chunk, the first one's two cases committed.
    DailyCloseService closing = node("node-a", (day, step, lastLoan) -> {
      if (step.equals(DailyCloseRun.STEP_COLLECTIONS) && lastLoan.compareTo(book.get(2).loanId()) >= 0) {
        holding.countDown();
        await(release);
      }
    });
    CollectionProcessStartSchedule poller = new CollectionProcessStartSchedule(collectionProcessStarts, dailyClose);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<DailyCloseRun> close = pool.submit(() -> closing.close(firstDue));
      assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(dailyClose.running()).isTrue();
      assertThat(cases.openCase(book.get(0).loanId())).isPresent();

      poller.poll();
      assertThat(book).allSatisfy(loan -> assertThat(instancesOf(loan)).isZero());

      release.countDown();
      assertThat(close.get(60, TimeUnit.SECONDS).completed()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(dailyClose.running()).isFalse();
    poller.poll();
    assertEachLoanHasOneCaseWithOneProcess();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aCrashInTheCollectionsStepIsRedoneWithoutASecondCaseOrProcess() {
    // Hand-over chunks of two loans: the close crashes after the chunk that reaches book[2] (not committed).
    DailyCloseService crashing = node("node-crashing", (day, step, lastLoan) -> {
      if (step.equals(DailyCloseRun.STEP_COLLECTIONS) && lastLoan.compareTo(book.get(2).loanId()) >= 0) {
        throw new IllegalStateException("simulated crash after " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.close(firstDue)).hasMessageContaining("simulated crash");
    DailyCloseRun crashed = dailyClose.run(firstDue).orElseThrow();
    assertThat(crashed.step()).isEqualTo(DailyCloseRun.STEP_COLLECTIONS);
    assertThat(cases.openCase(book.get(0).loanId())).isPresent();
    assertThat(cases.openCase(book.get(4).loanId())).isEmpty();
    // Another node's poller starts the processes of the committed chunk while the close is down.
    startCollectionProcesses();

    DailyCloseRun redone = node("node-b", (day, step, lastLoan) -> {}).close(firstDue);
    startCollectionProcesses();

    assertThat(redone.completed()).isTrue();
    assertThat(redone.attempts()).isEqualTo(2);
    assertThat(redone.collectionLoans()).isEqualTo(5);
    assertEachLoanHasOneCaseWithOneProcess();
  }

  /**
   * The close of the first due date crashed after its ledger step (the instalments marked overdue, one day of penalty
   * interest charged) and before its hand-over to collections. Meanwhile core banking reports the repayment the
   * borrower made on the due date: applied as of its value date, it was on time and cleared the arrears, before any
   * collection case existed. The resumed close hands over the loans still overdue only: no case opens for the repaid
   * loan, so no overdue reminder is queued for a borrower who paid on time.
   */
  @Test
  void aLoanRepaidOnTimeBeforeTheResumedHandOverGetsNoCaseAndNoReminder() {
    DailyCloseService crashing = node("node-crashing", (day, step, lastLoan) -> {
      if (step.equals(DailyCloseRun.STEP_COLLECTIONS)) {
        throw new IllegalStateException("simulated crash handing over " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.close(firstDue)).hasMessageContaining("simulated crash");
    LoanAccount repaid = book.get(0);
    assertThat(cases.openCase(repaid.loanId())).isEmpty();

    RepaymentService.Receipt receipt = repayments.receive(new ReceiveRepayment(repaid.loanId(), "TX-ONTIME-" + repaid.loanId(),
        new BigDecimal("8530.99"), firstDue, "core-banking"));
    assertThat(receipt.repayment().arrearsCleared()).isTrue();
    DailyCloseRun redone = node("node-b", (day, step, lastLoan) -> {}).close(firstDue);
    startCollectionProcesses();

    assertThat(redone.completed()).isTrue();
    assertThat(redone.collectionLoans()).as("the four loans still overdue").isEqualTo(4);
    assertThat(cases.casesOf(repaid.loanId())).isEmpty();
    assertThat(outbox.mailsOf(MailCaseType.LOAN, repaid.loanId())).extracting(OutboxMail::template)
        .doesNotContain(MailTemplate.OVERDUE_REMINDER);
    assertThat(book.subList(1, 5)).allSatisfy(loan -> assertThat(cases.openCase(loan.loanId())).isPresent());
  }

  /**
   * As above, with the loan's case open since an earlier close, its reminder sent: the close of the next day crashes
   * before its hand-over, and the repayment reported then, value-dated that day (the instalment and one day of penalty
   * interest), clears the arrears and ends the case as cured. The resumed close opens no second case for the loan, and
   * the borrower gets no second reminder.
   */
  @Test
  void aLoanWhoseCaseWasCuredBeforeTheResumedHandOverGetsNoNewCaseAndNoSecondReminder() {
    LoanAccount repaid = book.get(0);
    dailyClose.close(firstDue);
    String instance = startedCase(repaid);
    executeDueJobs(instance);
    assertThat(remindersOf(repaid)).hasSize(1);
    LocalDate nextDay = firstDue.plusDays(1);
    DailyCloseService crashing = node("node-crashing", (day, step, lastLoan) -> {
      if (step.equals(DailyCloseRun.STEP_COLLECTIONS)) {
        throw new IllegalStateException("simulated crash handing over " + lastLoan);
      }
    });
    assertThatThrownBy(() -> crashing.close(nextDay)).hasMessageContaining("simulated crash");

    RepaymentService.Receipt receipt = repayments.receive(new ReceiveRepayment(repaid.loanId(), "TX-NEXTDAY-" + repaid.loanId(),
        new BigDecimal("8532.47"), nextDay, "core-banking"));
    assertThat(receipt.repayment().arrearsCleared()).isTrue();
    assertThat(cases.openCase(repaid.loanId())).as("cured").isEmpty();
    DailyCloseRun redone = node("node-b", (day, step, lastLoan) -> {}).close(nextDay);
    startCollectionProcesses();

    assertThat(redone.completed()).isTrue();
    assertThat(cases.casesOf(repaid.loanId())).extracting(CollectionCase::status).containsExactly(CollectionCase.CURED);
    assertThat(remindersOf(repaid)).as("the first day's reminder only").hasSize(1);
  }

  /**
   * The close opens the loan's case (its process to start after the close) and, while it still hands loans over, core
   * banking reports the repayment of the due date, which cures the case before its process started, and then reverses
   * it (a bounce): the loan is overdue again. The case stays open, its process starts after the close as any overdue
   * case's and keeps it open, and the borrower is told of no cure; the loan has this one case.
   */
  @Test
  void aRepaymentThatCuredACaseNotYetStartedAndIsReversedDuringTheHandOverLeavesTheCaseOpen() throws Exception {
    LoanAccount bounced = book.get(0);
    String transactionId = "TX-BOUNCED-" + bounced.loanId();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Hand-over chunks of two loans: the close holds in its second chunk, the bounced loan's case committed.
    DailyCloseService closing = node("node-a", (day, step, lastLoan) -> {
      if (step.equals(DailyCloseRun.STEP_COLLECTIONS) && lastLoan.compareTo(book.get(2).loanId()) >= 0) {
        holding.countDown();
        await(release);
      }
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    String caseId;
    try {
      Future<DailyCloseRun> close = pool.submit(() -> closing.close(firstDue));
      assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
      caseId = cases.openCase(bounced.loanId()).orElseThrow().caseId();

      RepaymentService.Receipt receipt = repayments.receive(new ReceiveRepayment(bounced.loanId(), transactionId,
          new BigDecimal("8530.99"), firstDue, "core-banking"));
      assertThat(receipt.repayment().arrearsCleared()).isTrue();
      repayments.reverse(new ReverseRepayment(bounced.loanId(), transactionId, "退票", "core-banking"));

      release.countDown();
      assertThat(close.get(60, TimeUnit.SECONDS).completed()).isTrue();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    startCollectionProcesses();

    assertThat(loans.ledger(bounced.loanId()).get(0).status()).isEqualTo(InstalmentStatus.OVERDUE);
    assertThat(cases.casesOf(bounced.loanId())).as("one case, still open").extracting(CollectionCase::caseId,
        CollectionCase::status).containsExactly(Tuple.tuple(caseId, CollectionCase.OPEN));
    assertThat(cases.openCase(bounced.loanId()).orElseThrow().processInstanceId()).isNotNull();
    assertThat(instancesOf(bounced)).isEqualTo(1);
    assertThat(outbox.mailsOf(MailCaseType.LOAN, bounced.loanId())).extracting(OutboxMail::template)
        .doesNotContain(MailTemplate.ARREARS_CLEARED, MailTemplate.REPAYMENT_ON_TIME);
  }

  private String startedCase(LoanAccount loan) {
    startCollectionProcesses();
    return cases.openCase(loan.loanId()).orElseThrow().processInstanceId();
  }

  private List<OutboxMail> remindersOf(LoanAccount loan) {
    return outbox.mailsOf(MailCaseType.LOAN, loan.loanId()).stream()
        .filter(mail -> mail.template() == MailTemplate.OVERDUE_REMINDER).toList();
  }

  @Test
  void twoNodesStartingTheProcessesAtOnceStartEachOnce() throws Exception {
    dailyClose.close(firstDue);
    CollectionProcessStarts nodeA = starts(runtimeService, 1, Duration.ofMinutes(1));
    CollectionProcessStarts nodeB = starts(runtimeService, 1, Duration.ofMinutes(1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> started = pool.invokeAll(List.<Callable<Integer>>of(nodeA::startDue, nodeB::startDue));
      int total = 0;
      for (Future<Integer> one : started) {
        total += one.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isGreaterThanOrEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
    assertThat(startCollectionProcesses()).isZero();
    assertEachLoanHasOneCaseWithOneProcess();
  }

  @Test
  void aFailingStartIsRetriedThenLeftForAnOperatorWhileTheCloseStaysCompleted() {
    dailyClose.close(firstDue);
    RuntimeService broken = spy(runtimeService);
    doThrow(new IllegalStateException("engine unavailable"))
        .when(broken).createMessageCorrelation(eq(CollectionProcess.Messages.LOAN_OVERDUE));
    CollectionProcessStarts failing = starts(broken, 50, Duration.ZERO);
    String caseId = cases.openCase(book.get(1).loanId()).orElseThrow().caseId();

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(failing.startDue()).isZero();
      assertThat(attempts(caseId)).isEqualTo(attempt);
    }
    failing.startDue();
    assertThat(attempts(caseId)).as("no attempt after the last").isEqualTo(3);
    assertThat(jdbc.sql("SELECT process_start_error FROM collection_case WHERE case_id = :id").param("id", caseId)
        .query(String.class).single()).contains("engine unavailable");
    assertThat(dailyClose.run(firstDue).orElseThrow().status()).isEqualTo(DailyCloseRun.COMPLETED);
    // A healthy node's poller leaves them too, until an operator has fixed the cause and reset the attempts.
    startCollectionProcesses();
    assertThat(book).allSatisfy(loan -> {
      assertThat(cases.openCase(loan.loanId()).orElseThrow().processInstanceId()).isNull();
      assertThat(instancesOf(loan)).isZero();
    });

    // the operator re-queues the day's given-up starts (POST /api/admin/collection-process-starts/{caseId}/retry)
    List<String> givenUp = collectionProcessStarts.givenUp(1_000).stream().filter(start -> firstDue.equals(start.openedOn()))
        .map(start -> start.caseId()).toList();
    assertThat(givenUp).contains(caseId);
    givenUp.forEach(id -> collectionProcessStarts.requeue(id, "admin"));
    assertThat(startCollectionProcesses()).isGreaterThanOrEqualTo(5);

    assertEachLoanHasOneCaseWithOneProcess();
  }

  private void assertEachLoanHasOneCaseWithOneProcess() {
    assertThat(book).allSatisfy(loan -> {
      assertThat(cases.casesOf(loan.loanId())).hasSize(1);
      assertThat(instancesOf(loan)).isEqualTo(1);
      CollectionCase opened = cases.openCase(loan.loanId()).orElseThrow();
      assertThat(opened.processInstanceId()).isEqualTo(historyService.createHistoricProcessInstanceQuery()
          .processDefinitionKey(CollectionProcess.KEY).processInstanceBusinessKey(loan.loanId()).singleResult().getId());
      assertThat(runtimeService.getVariable(opened.processInstanceId(), CollectionProcess.Variables.BRANCH_CODE.name()))
          .isEqualTo(loan.branchCode());
    });
  }

  private long instancesOf(LoanAccount loan) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CollectionProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count();
  }

  private int attempts(String caseId) {
    return jdbc.sql("SELECT process_start_attempts FROM collection_case WHERE case_id = :id").param("id", caseId)
        .query(Integer.class).single();
  }

  private CollectionProcessStarts starts(RuntimeService runtime, int batchSize, Duration retryDelay) {
    return new CollectionProcessStarts(caseRows, runtime, transactionManager, batchSize, 3, retryDelay);
  }

  private DailyCloseService node(String name, DailyCloseService.ChunkObserver observer) {
    DailyCloseService node = new DailyCloseService(jdbc, transactionManager, clock, statements, listeners,
        2, Duration.ofMinutes(10), 400, name, observer);
    nodes.add(node);
    return node;
  }
}
