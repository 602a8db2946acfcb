package com.smeloanflow.disbursement;

import static com.smeloanflow.approval.LoanFlow.APPROVER;
import static com.smeloanflow.approval.LoanFlow.CHANNEL;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.RowLockWaits;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signatures of a guaranteed loan on PostgreSQL, the production database (READ COMMITTED): the borrower's and the
 * last guarantor's, reported at the same moment, take turns under the application's row lock, so whichever comes second
 * sees the first and the loan goes on to its disbursement check instead of waiting for a guarantor who already signed
 * (until 签约已超期 withdrew it).
 */
class SigningPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired SigningService signing;
  @Autowired ContractService contracts;
  @Autowired PlatformTransactionManager transactionManager;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void theBorrowerSigningAsTheLastGuarantorSignsTakesTheLoanToItsDisbursementCheck() throws Exception {
    String applicationId = flow.submitOverApi(flow.strongAtBranch("GROWTH", "800000.00"));
    flow.acceptAtBranch(applicationId);
    flow.verifyRemotely(applicationId);
    flow.claimAndComplete(APPROVER, applicationId, TASK_APPROVE_LOAN, TaskForms.approve("同意"));
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(instance).isWaitingAt(WAIT_SIGNATURE);
    ContractService.GuaranteeContract guarantee = contracts.guarantees(applicationId).get(0);
    Response guarantorSigned = api.post("/api/sandbox/e-signature/applications/" + applicationId + "/guarantees/"
        + guarantee.contractNumber() + "/sign", LoanFlow.ADMIN, null);
    assertThat(guarantorSigned.status()).as(guarantorSigned.body()).isEqualTo(200);
    String borrowersSignature = flow.signInESignatureService(applicationId);

    CountDownLatch guarantorReported = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService channel = Executors.newSingleThreadExecutor();
    Response borrowerReported;
    try {
      // The channel reports the guarantor's signature; before that commits, it reports the borrower's.
      Future<?> guarantor = channel.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        signing.guaranteeSignatureReceived(applicationId, guarantee.contractNumber(),
            guarantorSigned.json().get("signatureId").asText(), Instant.parse("2026-11-23T03:00:00Z"), CHANNEL);
        guarantorReported.countDown();
        RowLockWaits.holdUntil(commit);
      }));
      assertThat(guarantorReported.await(30, TimeUnit.SECONDS)).as("the guarantor's signature, not committed").isTrue();
      CompletableFuture<Response> borrower = CompletableFuture.supplyAsync(() -> flow.reportSignature(applicationId,
          borrowersSignature));
      // The borrower's report waits for the application the guarantor's holds, or (without the lock) is answered at once.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!borrower.isDone() && jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND query ILIKE '%FROM loan_application%FOR UPDATE%'").query(Long.class).single() == 0) {
        assertThat(Instant.now()).as("the borrower's report answered or waiting").isBefore(deadline);
        Thread.sleep(20);
      }

      commit.countDown();
      guarantor.get(30, TimeUnit.SECONDS);
      borrowerReported = borrower.get(30, TimeUnit.SECONDS);
    } finally {
      commit.countDown();
      channel.shutdownNow();
    }

    assertThat(borrowerReported.status()).as(borrowerReported.body()).isEqualTo(200);
    assertThat(contracts.allGuaranteesSigned(applicationId)).isTrue();
    executeDueJobs(instance.getId());
    assertThat(instance).as("every signature is in: the loan does not wait for the guarantor again")
        .isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
  }
}
