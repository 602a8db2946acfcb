package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.monitoring.CheckKind;
import com.smeloanflow.monitoring.CheckOutcome;
import com.smeloanflow.monitoring.CompleteCheck;
import com.smeloanflow.monitoring.LineInstruction;
import com.smeloanflow.monitoring.LineMeasure;
import com.smeloanflow.monitoring.PostLoanCheck;
import com.smeloanflow.monitoring.PostLoanCheckService;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.CreditLineReviewProcess;
import com.smeloanflow.servicing.Classification;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.RiskReview;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.RowLockWaits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit lines on PostgreSQL (READ COMMITTED): the servicing migration that lets a line's drawdowns be loan
 * accounts of one application (V40 drops a constraint by its PostgreSQL name), the line opened by the
 * origination flow, concurrent drawdowns that never exceed the limit (the line's row lock while a request is
 * checked and reserved), and lost core banking answers settled once by two nodes' reconciliation and the
 * channel's retries at the same time. What each concurrent drawdown states was left on the line after it agrees with
 * the order they were booked in. A post-loan check's freeze carried out as the line expires leaves it expired; carried
 * out as a customer manager completes the annual review with 维持额度, it is not lifted by it.
 */
class CreditLinePostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired CreditLineService lines;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired CreditLineReviewService reviews;
  @Autowired PostLoanCheckService checks;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired LoanAccountService loans;
  @Autowired BusinessClock clock;

  @Test
  void concurrentDrawdownsOnPostgresNeverExceedTheLimitAndRetriesDrawOnce() throws InterruptedException {
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    String applicationId = fixture.opened(fixture.application("1000000.00"));
    String lineId = lines.findByApplication(applicationId).orElseThrow().lineId();

    List<Response> answers = Concurrently.run(8, () -> api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"PG-" + UUID.randomUUID() + "\",\"amount\":300000.00,\"termMonths\":12}"));
    String retried = "PG-RETRY-" + UUID.randomUUID();
    List<Response> retries = Concurrently.run(4, () -> api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"" + retried + "\",\"amount\":100000.00,\"termMonths\":6}"));

    assertThat(answers).extracting(Response::status).containsOnly(201, 400);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(3);
    // What was left right after each: booked one after the other under the line's lock, the n-th booked of 300,000 leaves
    // at most 1,000,000 - n × 300,000 (less while another is reserved), the last exactly 100,000.
    List<BigDecimal> after = answers.stream().filter(a -> a.status() == 201)
        .map(a -> a.json().get("lineAvailableAfter").decimalValue()).sorted(Comparator.reverseOrder()).toList();
    for (int n = 1; n <= 3; n++) {
      assertThat(after.get(n - 1)).as("booked %s-th: %s", n, after)
          .isLessThanOrEqualTo(new BigDecimal("1000000.00").subtract(new BigDecimal("300000.00").multiply(BigDecimal.valueOf(n))));
    }
    assertThat(after.get(2)).as("the last booked: %s", after).isEqualByComparingTo("100000.00");
    assertThat(retries).extracting(Response::status).containsOnly(201, 200);
    assertThat(retries).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(4);
    Response line = api.get("/api/lines/" + lineId, CHANNEL);
    assertThat(line.json().get("used").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(line.json().get("available").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.json().get("drawdowns")).hasSize(4);
    assertThat(retries).allSatisfy(r -> assertThat(r.json().get("lineAvailableAfter").decimalValue())
        .as("the retried request, booked last, and its replays").isEqualByComparingTo("0.00"));
  }

  @Test
  void lostAnswersAreBookedOnceWhileTwoNodesReconcileAndTheChannelRetries() throws Exception {
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    String applicationId = fixture.opened(fixture.application("1000000.00"));
    String lineId = lines.findByApplication(applicationId).orElseThrow().lineId();
    // The reconciliation settles every line's unanswered requests and counts them: first those another test left
    // behind in the shared database, so that the count below is this test's.
    while (lines.reconcileUnanswered(Duration.ZERO, 100) > 0) {
      // settled a batch of earlier tests' requests
    }
    List<String> requests = List.of("PG-LOST-1-" + UUID.randomUUID(), "PG-LOST-2-" + UUID.randomUUID(),
        "PG-LOST-3-" + UUID.randomUUID());
    faults.failAfterPosting(3);
    for (String requestId : requests) {
      assertThat(draw(lineId, requestId).status()).isEqualTo(503);
    }
    assertThat(api.get("/api/lines/" + lineId, CHANNEL).json().get("reserved").decimalValue())
        .isEqualByComparingTo("600000.00");

    AtomicInteger call = new AtomicInteger();
    List<String> outcomes = Concurrently.run(5, () -> {
      int n = call.getAndIncrement();
      return n < 2 ? "settled " + lines.reconcileUnanswered(Duration.ZERO, 100) : "status " + draw(lineId, requests.get(n - 2)).status();
    });

    int settled = outcomes.stream().filter(o -> o.startsWith("settled ")).mapToInt(o -> Integer.parseInt(o.substring(8))).sum();
    List<String> statuses = outcomes.stream().filter(o -> o.startsWith("status ")).toList();
    assertThat(statuses).hasSize(3).allMatch(o -> o.equals("status 201") || o.equals("status 200"));
    assertThat(settled + statuses.stream().filter(o -> o.equals("status 201")).count())
        .as("each request booked exactly once, by a reconciliation or by a retry: %s", outcomes).isEqualTo(3);
    assertThat(coreBanking.postingsOf(applicationId)).as("each posted once, never again").hasSize(3);
    Response line = api.get("/api/lines/" + lineId, CHANNEL);
    assertThat(line.json().get("drawdowns")).hasSize(3);
    assertThat(line.json().get("used").decimalValue()).isEqualByComparingTo("600000.00");
    assertThat(line.json().get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.json().get("pendingDrawdowns")).isEmpty();
    for (String requestId : requests) {
      assertThat(draw(lineId, requestId).status()).as("a later retry answers the booked drawdown").isEqualTo(200);
    }
  }

  /**
   * A post-loan check of a drawdown concluded 压降或冻结额度 (freeze), and its instruction is carried out in the moment the
   * line's validity ends: the expiry holds the line's row, not committed. The instruction waits for it and leaves the
   * expired line as it is (nothing more can be drawn from it), recorded as carried out on the line, as for a line that had
   * expired before; it is not refused as 额度已到期, 不能冻结 (the step failed until the job executor's retry).
   */
  @Test
  void aCheckFreezingTheLineInTheMomentItExpiresLeavesItExpiredAndIsCarriedOutOnPostgres() throws Exception {
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    String lineId = lines.findByApplication(fixture.opened(fixture.application("1000000.00"))).orElseThrow().lineId();
    String loanId = draw(lineId, "PG-CHECK-" + UUID.randomUUID()).json().get("loanId").asText();
    PostLoanCheck check = checks.open(loanId, CheckKind.SIGNAL, List.of());
    // in a transaction, as the check's task listener completes it (the loan's lock is taken only inside one)
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> checks.complete(new CompleteCheck(
        check.checkId(), CheckOutcome.RESTRICT_LINE, "实际控制人涉赌, 经营明显下滑", List.of(), LineMeasure.FREEZE, null,
        "remote-verifier")));
    CountDownLatch expired = new CountDownLatch(1);
    CountDownLatch commitExpiry = new CountDownLatch(1);
    ExecutorService lineTimer = Executors.newSingleThreadExecutor();
    try {
      Future<?> expiry = lineTimer.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        reviews.expire(lineId);
        expired.countDown();
        RowLockWaits.holdUntil(commitExpiry);
      }));
      assertThat(expired.await(30, TimeUnit.SECONDS)).as("the line expired, not committed").isTrue();
      CompletableFuture<LineInstruction> issued = CompletableFuture.supplyAsync(() -> checks.issueLineInstruction(check.checkId()));
      RowLockWaits.awaitStatementWaitingForALock(jdbc, "query ILIKE '%FROM credit_line%FOR UPDATE%'",
          "the instruction waiting for the line the expiry holds");

      commitExpiry.countDown();
      expiry.get(30, TimeUnit.SECONDS);
      assertThat(issued.get(30, TimeUnit.SECONDS).status()).isEqualTo(LineInstruction.APPLIED);
    } finally {
      commitExpiry.countDown();
      lineTimer.shutdownNow();
    }
    assertThat(lines.find(lineId).orElseThrow().status()).isEqualTo(CreditLineStatus.EXPIRED);
  }

  /**
   * A customer manager claimed the annual review (年审额度) of a line, its form showing the line 有效, and completes it with
   * 维持额度 in the moment a post-loan check's freeze is carried out on the line: the freeze holds the line's row, not
   * committed. The completion waits for it, finds the line frozen by a freeze its form did not show, and is refused; the
   * freeze stays.
   */
  @Test
  void aCheckFreezingTheLineAsTheManagerCompletesTheReviewIsNotLiftedByTheirContinueOnPostgres() throws Exception {
    stopClock();
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    String lineId = lines.findByApplication(fixture.opened(fixture.application("1000000.00"))).orElseThrow().lineId();
    String loanId = draw(lineId, "PG-REVIEW-" + UUID.randomUUID()).json().get("loanId").asText();
    // a drawdown 次级: the table asks the branch's customer managers (年审额度)
    loans.applyRiskReview(new RiskReview(loanId, Classification.SUBSTANDARD, clock.today(), "贷后检查认定", "remote-verifier"));
    String review = runtimeService.createProcessInstanceQuery().processDefinitionKey(CreditLineReviewProcess.KEY)
        .processInstanceBusinessKey(lineId).singleResult().getId();
    moveClockTo(reviews.next(lineId).due().plus(Duration.ofMinutes(1)));
    executeDueJobs(review);
    Task task = taskService.createTaskQuery().processInstanceId(review).singleResult();
    taskService.claim(task.getId(), "zy001-cm");
    PostLoanCheck check = checks.open(loanId, CheckKind.SIGNAL, List.of());
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> checks.complete(new CompleteCheck(
        check.checkId(), CheckOutcome.RESTRICT_LINE, "实际控制人失联", List.of(), LineMeasure.FREEZE, null, "remote-verifier")));

    RowLockWaits.Met<LineInstruction> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> checks.issueLineInstruction(check.checkId()), () -> checks.issueLineInstruction(check.checkId()),
        () -> completeAs("zy001-cm", task.getId(), Map.of("decidedOutcome", "CONTINUE", "decisionReason", "经营正常, 维持额度")),
        jdbc, "query ILIKE '%FROM credit_line%FOR UPDATE%'", "the manager's 维持额度 waiting for the line the check freezes");

    assertThat(met.first().status()).isEqualTo(LineInstruction.APPLIED);
    assertThat(met.second()).as("the completion").isInstanceOf(RuntimeException.class);
    assertThat(((RuntimeException) met.second()).getMessage()).contains("在您打开本任务后被冻结").contains("实际控制人失联");
    assertThat(lines.find(lineId).orElseThrow().status()).isEqualTo(CreditLineStatus.FROZEN);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("年审额度 still open").isEqualTo(1);
  }

  private Response draw(String lineId, String requestId) {
    return api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"" + requestId + "\",\"amount\":200000.00,\"termMonths\":12}");
  }

  @AfterEach
  void coreBankingAnswersAgain() {
    faults.reset();
  }
}
