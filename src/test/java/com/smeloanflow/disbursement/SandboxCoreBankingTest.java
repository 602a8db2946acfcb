package com.smeloanflow.disbursement;

import com.smeloanflow.support.AbstractIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.support.TransactionTemplate;

class SandboxCoreBankingTest extends AbstractIntegrationTest {

  private static final String ACCOUNT = "6217000010001234567";
  private static final BigDecimal AMOUNT = new BigDecimal("300000.00");

  @Autowired CoreBankingGateway coreBanking;
  @Autowired SandboxCoreBanking sandbox;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired TransactionTemplate transaction;
  @Autowired TestRestTemplate http;

  @AfterEach
  void noMoreFaults() {
    faults.reset();
  }

  @Test
  void sandboxIsTheDefaultCoreBankingSystem() {
    assertThat(coreBanking).isSameAs(sandbox);
  }

  @Test
  void postsOnceAndAnswersARepeatedOrderWithTheFirstPosting() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);

    CorePosting first = coreBanking.disburse(order);
    CorePosting repeated = coreBanking.disburse(order);

    assertThat(first.replayed()).isFalse();
    assertThat(first.postingReference()).matches("CB\\d{8}\\d{8}");
    assertThat(first.idempotencyKey()).isEqualTo(order.applicationId());
    assertThat(first.amount()).isEqualTo(AMOUNT);
    assertThat(repeated.replayed()).isTrue();
    assertThat(repeated.postingReference()).isEqualTo(first.postingReference());
    assertThat(repeated.amount()).isEqualTo(first.amount());
    assertThat(repeated.postedAt()).isEqualTo(first.postedAt());
    assertThat(sandbox.postingsOf(order.applicationId())).hasSize(1);
  }

  @Test
  void refusesTheSameKeyWithADifferentAmountOrAccount() {
    String applicationId = newApplicationId();
    CorePosting posted = coreBanking.disburse(orderFor(applicationId, AMOUNT));

    assertThatThrownBy(() -> coreBanking.disburse(orderFor(applicationId, new BigDecimal("310000.00"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(applicationId)
        .hasMessageContaining(posted.postingReference())
        .hasMessageContaining("300000.00")
        .hasMessageContaining("310000.00");
    assertThatThrownBy(() -> coreBanking.disburse(DisbursementOrder.forApplication(applicationId, "明达机械",
        "91520303MA6DKQ8X4A", "6217000019999999999", AMOUNT)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("6217000019999999999");
    assertThat(sandbox.postingsOf(applicationId)).containsExactly(sandbox.posting(applicationId).orElseThrow());
    assertThat(sandbox.posting(applicationId).orElseThrow().amount()).isEqualTo(AMOUNT);
  }

  @Test
  void postsOnceWhenNodesRaceWithTheSameKey() throws Exception {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);
    int nodes = 6;
    ExecutorService executor = Executors.newFixedThreadPool(nodes);
    CountDownLatch start = new CountDownLatch(1);
    List<CorePosting> answers = new ArrayList<>();
    try {
      List<Future<CorePosting>> calls = new ArrayList<>();
      for (int node = 0; node < nodes; node++) {
        Callable<CorePosting> call = () -> {
          start.await();
          return coreBanking.disburse(order);
        };
        calls.add(executor.submit(call));
      }
      start.countDown();
      for (Future<CorePosting> call : calls) {
        answers.add(call.get(30, TimeUnit.SECONDS));
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(answers).extracting(CorePosting::postingReference).containsOnly(answers.get(0).postingReference());
    assertThat(answers).filteredOn(answer -> !answer.replayed()).hasSize(1);
    assertThat(sandbox.postingsOf(order.applicationId())).hasSize(1);
  }

  @Test
  void postsNothingWhenTheCoreSystemFailsBeforePosting() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);
    faults.failBeforePosting(2);

    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThatThrownBy(() -> coreBanking.disburse(order))
          .isInstanceOf(CoreBankingUnavailableException.class)
          .hasMessageContaining(order.applicationId())
          .hasMessageContaining("nothing posted");
      assertThat(sandbox.postingsOf(order.applicationId())).isEmpty();
    }

    CorePosting posted = coreBanking.disburse(order);
    assertThat(posted.replayed()).isFalse();
    assertThat(sandbox.postingsOf(order.applicationId())).hasSize(1);
  }

  @Test
  void aSlowCoreSystemWaitsBeforePostingForTheNextOrdersOnlyAndThenAnswersNormally() {
    faults.answerSlowly(java.time.Duration.ofMillis(300), 1);
    DisbursementOrder slow = orderFor(newApplicationId(), AMOUNT);

    long started = System.nanoTime();
    CorePosting posted = coreBanking.disburse(slow);

    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("the injected wait").isGreaterThanOrEqualTo(
        java.time.Duration.ofMillis(300));
    assertThat(posted.replayed()).isFalse();
    assertThat(sandbox.postingsOf(slow.applicationId())).hasSize(1);
    assertThat(faults.pendingSlowAnswers()).isZero();
    assertThatThrownBy(() -> faults.answerSlowly(java.time.Duration.ofMillis(-1), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  void aSlowCoreSystemToldToAnswerNowPostsTheOrderItHoldsAndAnswersTheNextOnesAtOnce() throws Exception {
    faults.answerSlowly(java.time.Duration.ofMinutes(10), 2);
    DisbursementOrder held = orderFor(newApplicationId(), AMOUNT);
    ExecutorService client = Executors.newSingleThreadExecutor();
    try {
      Future<CorePosting> answer = client.submit(() -> coreBanking.disburse(held));
      for (int waited = 0; faults.pendingSlowAnswers() > 1 && waited < 400; waited++) {
        Thread.sleep(50);
      }
      assertThat(faults.pendingSlowAnswers()).as("the order is with the slow core system").isEqualTo(1);
      assertThat(answer.isDone()).as("held open").isFalse();
      assertThat(sandbox.postingsOf(held.applicationId())).as("nothing posted while held").isEmpty();

      faults.answerNow();

      assertThat(answer.get(30, TimeUnit.SECONDS).replayed()).isFalse();
      assertThat(sandbox.postingsOf(held.applicationId())).hasSize(1);
      assertThat(faults.pendingSlowAnswers()).as("the next orders answered at once").isZero();
    } finally {
      client.shutdownNow();
    }
  }

  @Test
  void keepsThePostingWhenTheAnswerIsLostAndAnswersTheRetryAsReplayed() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);
    faults.failAfterPosting(1);

    assertThatThrownBy(() -> coreBanking.disburse(order))
        .isInstanceOf(CoreBankingUnavailableException.class)
        .hasMessageContaining(order.applicationId())
        .satisfies(e -> assertThat(((CoreBankingUnavailableException) e).applicationId()).isEqualTo(order.applicationId()));
    List<CorePosting> postedBeforeRetry = sandbox.postingsOf(order.applicationId());
    assertThat(postedBeforeRetry).hasSize(1);

    CorePosting retry = coreBanking.disburse(order);

    assertThat(retry.replayed()).isTrue();
    assertThat(retry.postingReference()).isEqualTo(postedBeforeRetry.get(0).postingReference());
    assertThat(sandbox.postingsOf(order.applicationId())).hasSize(1);
  }

  @Test
  void answersWhatItBookedUnderAKeyWhoseAnswerWasLostWithoutPostingAgain() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);
    faults.failAfterPosting(1);
    assertThatThrownBy(() -> coreBanking.disburse(order)).isInstanceOf(CoreBankingUnavailableException.class);

    Optional<CorePosting> found = coreBanking.find(order.idempotencyKey());

    CorePosting booked = sandbox.postingsOf(order.applicationId()).get(0);
    assertThat(found).hasValueSatisfying(posting -> {
      assertThat(posting.postingReference()).isEqualTo(booked.postingReference());
      assertThat(posting.idempotencyKey()).isEqualTo(order.idempotencyKey());
      assertThat(posting.amount()).isEqualTo(AMOUNT);
      assertThat(posting.postedAt()).isEqualTo(booked.postedAt());
      assertThat(posting.replayed()).as("the posting as first made").isFalse();
    });
    assertThat(coreBanking.find(order.idempotencyKey())).contains(found.get());
    assertThat(sandbox.postingsOf(order.applicationId())).as("a look-up posts nothing").hasSize(1);
  }

  @Test
  void answersNothingForAKeyNeverPosted() {
    assertThat(coreBanking.find("RENEWAL-" + newApplicationId())).isEmpty();
  }

  @Test
  void aLookUpFailsWhileTheCoreSystemIsDownAndAnswersOnceItIsBack() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);
    CorePosting posted = coreBanking.disburse(order);
    faults.failBeforePosting(1);

    assertThatThrownBy(() -> coreBanking.find(order.idempotencyKey()))
        .isInstanceOf(CoreBankingUnavailableException.class)
        .hasMessageContaining("look-up")
        .hasMessageContaining(order.idempotencyKey());
    assertThat(faults.pendingFailuresBeforePosting()).as("the look-up was one of the calls while down").isZero();

    assertThat(coreBanking.find(order.idempotencyKey())).hasValueSatisfying(
        found -> assertThat(found.postingReference()).isEqualTo(posted.postingReference()));
  }

  @Test
  void keepsThePostingWhenTheCallersTransactionRollsBack() {
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);

    CorePosting posted = transaction.execute(status -> {
      CorePosting posting = coreBanking.disburse(order);
      status.setRollbackOnly();
      return posting;
    });

    assertThat(sandbox.posting(order.idempotencyKey())).hasValueSatisfying(
        kept -> assertThat(kept.postingReference()).isEqualTo(posted.postingReference()));
    assertThat(coreBanking.disburse(order).replayed()).isTrue();
  }

  @Test
  void refusesAnOrderWithoutAnAmountInCents() {
    assertThatThrownBy(() -> orderFor("SL20250315000001", BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SL20250315000001");
    assertThatThrownBy(() -> orderFor("SL20250315000001", new BigDecimal("-1.00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> orderFor("SL20250315000001", new BigDecimal("1000.005")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 decimals");
    assertThatThrownBy(() -> orderFor("SL20250315000001", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DisbursementOrder.forApplication("SL20250315000001", "明达机械", "91520303MA6DKQ8X4A", " ", AMOUNT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settlementAccount");
    assertThat(orderFor("SL20250315000001", new BigDecimal("300000")).amount()).isEqualTo(AMOUNT);
  }

  @Test
  void testerMakesTheCoreSystemLoseItsAnswerOverHttp() {
    TestRestTemplate admin = http.withBasicAuth("admin", "demo");
    DisbursementOrder order = orderFor(newApplicationId(), AMOUNT);

    ResponseEntity<String> injected = admin.exchange("/api/sandbox/core-banking/faults", HttpMethod.PUT,
        jsonBody("{\"failBeforePosting\":0,\"failAfterPosting\":1}"), String.class);
    assertThat(injected.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(injected.getBody()).contains("\"failAfterPosting\":1");
    assertThatThrownBy(() -> coreBanking.disburse(order)).isInstanceOf(CoreBankingUnavailableException.class);

    ResponseEntity<CorePosting[]> postings = admin.getForEntity(
        "/api/sandbox/core-banking/postings/" + order.applicationId(), CorePosting[].class);
    assertThat(postings.getBody()).hasSize(1);
    assertThat(postings.getBody()[0].amount()).isEqualByComparingTo(AMOUNT);

    faults.failBeforePosting(3);
    assertThat(admin.exchange("/api/sandbox/core-banking/faults", HttpMethod.DELETE, null, Void.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(faults.pendingFailuresBeforePosting()).isZero();
    assertThat(coreBanking.disburse(order).replayed()).isTrue();
  }

  @Test
  void onlyAdministratorsAndProcessOwnersInjectFaults() {
    ResponseEntity<String> approver = http.withBasicAuth("approver", "demo").exchange("/api/sandbox/core-banking/faults",
        HttpMethod.PUT, jsonBody("{\"failBeforePosting\":5,\"failAfterPosting\":0}"), String.class);
    ResponseEntity<String> negative = http.withBasicAuth("admin", "demo").exchange("/api/sandbox/core-banking/faults",
        HttpMethod.PUT, jsonBody("{\"failBeforePosting\":-1}"), String.class);

    assertThat(approver.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(negative.getBody()).contains("failBeforePosting", "failAfterPosting");
    assertThat(faults.pendingFailuresBeforePosting()).isZero();
  }

  private static HttpEntity<String> jsonBody(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static DisbursementOrder orderFor(String applicationId, BigDecimal amount) {
    return DisbursementOrder.forApplication(applicationId, "遵义市汇川区明达机械加工有限公司", "91520303MA6DKQ8X4A",
        ACCOUNT, amount);
  }

  /** The core system's ledger has no link to our applications: any application id will do. */
  private static String newApplicationId() {
    return "SLT" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
  }
}
