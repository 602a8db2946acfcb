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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
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
 * second upload reads what the first recorded; and the branch registering the round as received at the moment the
 * channel uploads it waits for the upload (the application's row first, as the upload takes it) instead of deadlocking;
 * and so does the deadline (放款补件已超期) declining the loan at the moment the channel uploads the documents.
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

  /** An application at the disbursement check, whose checker asked for the purchase contract and the invoice. */
  private String contractAndInvoiceAskedFor() {
    String applicationId = flow.atDisbursementCheck(flow.strongOnlineCreditQuick("500000.00"));
    flow.claimAndComplete(DISBURSER, applicationId, TASK_CHECK_DISBURSEMENT_CONDITIONS,
        TaskForms.disbursementSupplement(List.of("PURCHASE_CONTRACT", "INVOICE"), "贷款用途需与购销合同核对"));
    return applicationId;
  }

  @Test
  void theTwoDocumentsAskedForUploadedAtOnceBringTheApplicationBackToTheCheckerWithNothingMissing() throws Exception {
    String applicationId = contractAndInvoiceAskedFor();
    ProcessInstance instance = flow.instance(applicationId);
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

  @Test
  void theBranchRegisteringTheSupplementWhileTheChannelUploadsItWaitsForTheUploadInsteadOfDeadlocking() throws Exception {
    String applicationId = contractAndInvoiceAskedFor();
    ProcessInstance instance = flow.instance(applicationId);
    String receive = flow.task(applicationId, TASK_RECEIVE_DISBURSEMENT_DOCUMENTS).getId();
    assertThat(flow.claimOverRest(LoanFlow.ACCEPTOR, receive).status()).isEqualTo(204);
    CountDownLatch applicationLocked = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    ExecutorService channel = Executors.newSingleThreadExecutor();
    Response registered;
    try {
      // The channel uploads both documents: the upload locks the application first, then the supplement round.
      Future<AcceptanceService.UploadAnswer> upload = channel.submit(() -> new TransactionTemplate(transactionManager)
          .execute(status -> {
            applications.lock(applicationId);
            applicationLocked.countDown();
            RowLockWaits.holdUntil(goOn);
            return acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(applicationId,
                List.of("PURCHASE_CONTRACT", "INVOICE"), CHANNEL));
          }));
      assertThat(applicationLocked.await(30, TimeUnit.SECONDS)).as("the upload holds the application").isTrue();
      // In the same moment the branch registers the documents as brought to the counter (登记放款补充资料).
      CompletableFuture<Response> registration = CompletableFuture.supplyAsync(() -> flow.completeOverRest(LoanFlow.ACCEPTOR,
          receive, Map.of("supplementReceived", true)));
      RowLockWaits.awaitStatementWaitingForALock(jdbc,
          "query ILIKE '%FROM loan_application%FOR UPDATE%' OR query ILIKE '%INSERT INTO application_%'",
          "the branch's registration waiting for the application the upload holds");

      goOn.countDown();
      AcceptanceService.UploadAnswer answer = upload.get(30, TimeUnit.SECONDS);
      assertThat(answer.status()).as("nothing is missing any more").isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
      registered = registration.get(30, TimeUnit.SECONDS);
    } finally {
      goOn.countDown();
      channel.shutdownNow();
    }
    assertThat(registered.status()).as("the branch's registration: %s", registered).isEqualTo(400);
    assertThat(registered.json().path("message").asText()).contains("申请 " + applicationId
        + " 的放款补充资料已全部收到 (渠道已上传), 无需再登记, 请刷新待办列表");
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(jdbc.sql("SELECT arrived_via FROM disbursement_supplement_arrival WHERE application_id = :a")
        .param("a", applicationId).query(String.class).list()).as("both uploaded through the channel").containsOnly("CHANNEL")
        .hasSize(2);
  }

  @Test
  void theDocumentsUploadedAsTheDeadlineDeclinesTheLoanBringTheApplicationBackToTheCheckerWithoutADeadlock() throws Exception {
    String applicationId = contractAndInvoiceAskedFor();
    ProcessInstance instance = flow.instance(applicationId);
    moveClockByWorkingDays(15, Duration.ofMinutes(1));
    Job deadline = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(BOUNDARY_DISBURSEMENT_DOCUMENTS_OVERDUE).singleResult();

    // The channel uploads both documents (the upload locks the application first) while the deadline cancels
    // 登记放款补充资料 and declines the loan: the decline's record refers to the application, so it waits for the upload;
    // had it closed the cancelled task's SLA record first, the upload, cancelling the same task, waited for that record.
    RowLockWaits.Met<AcceptanceService.UploadAnswer> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> applications.lock(applicationId), () -> acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(
            applicationId, List.of("PURCHASE_CONTRACT", "INVOICE"), CHANNEL)), () -> managementService.executeJob(deadline.getId()),
        jdbc, "query ILIKE '%FROM loan_application%FOR UPDATE%' OR query ILIKE '%INSERT INTO application_decline%'",
        "the deadline's decline waiting for the application the upload holds");

    assertThat(met.first().status()).as("the upload").isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
    assertThat(met.second()).as("the deadline's job, which the upload overtook (the job executor then finds it gone)")
        .isInstanceOf(OptimisticLockingException.class);
    executeDueJobs(instance.getId());
    assertThat(instance).hasPassed(BOUNDARY_DISBURSEMENT_DOCUMENTS_RECEIVED).isWaitingAt(TASK_CHECK_DISBURSEMENT_CONDITIONS);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);
  }
}
