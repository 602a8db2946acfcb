package com.smeloanflow.disbursement;

import static com.smeloanflow.approval.LoanFlow.DISBURSER;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.approval.TaskForms;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.intake.AcceptanceService;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.RowLockWaits;
import java.util.List;
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
 * The disbursement check's supplement on PostgreSQL, the production database (READ COMMITTED): the documents it asked
 * for, uploaded through the channel apart and at the same moment, take turns under the application's row lock, so the
 * second upload reads what the first recorded.
 */
class DisbursementSupplementPostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired AcceptanceService acceptance;
  @Autowired PlatformTransactionManager transactionManager;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void theTwoDocumentsAskedForUploadedAtOnceBringTheApplicationBackToTheCheckerWithNothingMissing() throws Exception {
    String applicationId = flow.atDisbursementCheck(flow.strongOnlineCreditQuick("500000.00"));
    ProcessInstance instance = flow.instance(applicationId);
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));
    assertThat(instance).isWaitingAt(TASK_RECEIVE_DISBURSEMENT_DOCUMENTS);
    CountDownLatch firstUploaded = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    ExecutorService channel = Executors.newSingleThreadExecutor();
    try {
      // The channel sends the purchase contract and, apart, the invoice; the invoice arrives while the purchase
      // contract's upload has not committed yet.
      Future<?> first = channel.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(applicationId, List.of("PURCHASE_CONTRACT"), CHANNEL));
        firstUploaded.countDown();
        RowLockWaits.holdUntil(commitFirst);
      }));
      assertThat(firstUploaded.await(30, TimeUnit.SECONDS)).as("the first upload, not committed").isTrue();
      CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> api.post(
          "/api/applications/" + applicationId + "/documents", CHANNEL, "{\"documents\":[\"INVOICE\"]}"));
      // The application's row lock (taking turns) or, were there none, the supplement round's the upload writes.
      RowLockWaits.awaitStatementWaitingForALock(jdbc,
          "query ILIKE '%FROM loan_application%' OR query ILIKE '%disbursement_supplement%'",
          "the second upload waiting for a row lock the first holds");

      commitFirst.countDown();
      first.get(30, TimeUnit.SECONDS);
      Response answer = second.get(30, TimeUnit.SECONDS);

      assertThat(answer.status()).as(answer.body()).isEqualTo(202);
      assertThat(answer.json().path("status").asText()).as("nothing is missing any more").isEqualTo("AWAITING_DISBURSEMENT");
    } finally {
      commitFirst.countDown();
      channel.shutdownNow();
    }
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
    assertThat(api.get("/api/applications/" + applicationId, CHANNEL).json().path("missingDocuments").toString()).isEqualTo("[]");
    assertThat(jdbc.sql("SELECT document FROM disbursement_supplement_arrival WHERE application_id = :a ORDER BY document")
        .param("a", applicationId).query(String.class).list()).as("both uploads recorded")
        .containsExactly("INVOICE", "PURCHASE_CONTRACT");
  }
}
