package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import com.smeloanflow.support.RowLockWaits;
import com.smeloanflow.support.TestApplications;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The main intake flows on PostgreSQL, the production database (DESIGN.md §8): schema
 * migration, channel submission to branch acceptance, idempotent concurrent retries (unique key
 * races behave differently from H2), missing documents to upload and to timeout withdrawal, and an upload at the
 * moment the deadline withdraws the application.
 */
class IntakePostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired private DataSource dataSource;
  @Autowired private AcceptanceService acceptance;
  @Autowired private PlatformTransactionManager transactionManager;

  @Test
  void flywayMigratesTheBusinessSchemaOnPostgresql() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
        .query(String.class).list()).contains("1");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("""
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
        AND table_name IN ('branch', 'loan_application', 'idempotency_record', 'application_event', 'mail_outbox')
        """).query(String.class).list()).hasSize(5);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM branch WHERE code IN ('ZY001', 'ZY002')").query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void submittedApplicationWaitsForAcceptanceAtItsBranch() {
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();

    Response answer = api.post("/api/applications", CHANNEL, request.json());

    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String applicationId = answer.json().get("applicationId").asText();
    ProcessInstance instance = processInstance(applicationId);
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(task(instance)).hasCandidateGroup("ZY001-acceptance");
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    String tasks = "/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + applicationId;
    assertThat(api.get(tasks, "zy001-acceptor").json()).hasSize(1);
    assertThat(api.get(tasks, "zy002-acceptor").json()).isEmpty();
  }

  @Test
  void concurrentRetriesWithTheSameKeyCreateOneApplicationAndOneProcessInstance() throws Exception {
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    String json = request.json();
    String key = "pg-concurrent-" + System.nanoTime();

    List<Response> answers = Concurrently.run(8, () -> api.post("/api/applications", CHANNEL, json, "Idempotency-Key", key));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
    Set<String> applicationIds = answers.stream().map(a -> a.json().get("applicationId").asText()).collect(Collectors.toSet());
    assertThat(applicationIds).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_application WHERE enterprise_name = :name")
        .param("name", request.enterpriseName()).query(Long.class).single()).isEqualTo(1);
    assertThat(processInstanceCount(applicationIds.iterator().next())).isEqualTo(1);
  }

  @Test
  void uploadedDocumentsGoBackToAcceptance() {
    Submitted application = submitWithMissingDocuments(TestApplications.mortgageAtBranchCounter());

    Response answer = api.post("/api/applications/" + application.applicationId() + "/documents", CHANNEL,
        "{\"documents\": [\"BANK_STATEMENTS\"]}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(application.processInstance()).hasPassed(BOUNDARY_DOCUMENTS_RECEIVED).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
  }

  @Test
  void applicationIsWithdrawnFiveDaysAfterDocumentsWereRequested() {
    stopClock();
    TestApplications.Builder request = TestApplications.mortgageAtBranchCounter();
    Submitted application = submitWithMissingDocuments(request);
    ProcessInstance instance = application.processInstance();

    moveClockByWorkingDays(5, Duration.ofMinutes(1));
    executeDueJobs(instance.getId());

    assertThat(instance).hasPassed(BOUNDARY_DOCUMENTS_OVERDUE, TASK_WITHDRAW_APPLICATION, TASK_NOTIFY_WITHDRAWAL,
        END_APPLICATION_WITHDRAWN).isEnded();
    assertThat(statusOf(application.applicationId())).isEqualTo(ApplicationStatus.WITHDRAWN);
    assertThat(mailsTo(request.email())).extracting(m -> subjectOf(m))
        .containsExactly("【普惠金融】您的贷款申请 " + application.applicationId() + " 需要补充资料",
            "【普惠金融】您的贷款申请 " + application.applicationId() + " 已撤销");
  }

  @Test
  void documentsUploadedAsTheDeadlineWithdrawsTheApplicationGoBackToAcceptanceWithoutADeadlock() throws Exception {
    stopClock();
    Submitted application = submitWithMissingDocuments(TestApplications.mortgageAtBranchCounter());
    String applicationId = application.applicationId();
    ProcessInstance instance = application.processInstance();
    moveClockByWorkingDays(5, Duration.ofMinutes(1));
    Job deadline = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId(BOUNDARY_DOCUMENTS_OVERDUE).singleResult();
    // The channel uploads the missing statements (the upload locks the application first) while the deadline (补件已超期)
    // cancels 登记补充资料 and withdraws the application: the withdrawal's record refers to the application, so it waits
    // for the upload; had it closed the cancelled task's SLA record first, the upload, cancelling the same task, waited
    // for that record.
    RowLockWaits.Met<AcceptanceService.UploadAnswer> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> applications.lock(applicationId), () -> acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(
            applicationId, List.of("BANK_STATEMENTS"), CHANNEL)), () -> managementService.executeJob(deadline.getId()),
        jdbc, "query ILIKE '%FROM loan_application%FOR UPDATE%' OR query ILIKE '%INSERT INTO application_decline%'",
        "the deadline's withdrawal waiting for the application the upload holds");
    AcceptanceService.UploadAnswer answer = met.first();
    Object withdrawal = met.second();

    assertThat(answer.status()).as("the upload").isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    assertThat(withdrawal).as("the deadline's job, which the upload overtook (the job executor then finds it gone)")
        .isInstanceOf(OptimisticLockingException.class);
    assertThat(instance).hasPassed(BOUNDARY_DOCUMENTS_RECEIVED).isWaitingAt(TASK_ACCEPT_APPLICATION);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    assertThat(managementService.createJobQuery().jobId(deadline.getId()).count()).as("the deadline's job").isZero();
  }

  @Test
  void sameIdempotencyKeyUploadedToAnotherApplicationAtTheSameMomentIsRefusedAsWhenSentAfterwards() throws Exception {
    String first = submitWithMissingDocuments(TestApplications.mortgageAtBranchCounter()).applicationId();
    String second = submitWithMissingDocuments(TestApplications.mortgageAtBranchCounter()).applicationId();
    String key = "upload-" + first;
    // The channel reuses a key for another application's upload while the first upload has not committed: the second
    // does not see the first's key, takes its documents and waits on the key's unique index for the first to commit.
    AtomicReference<AcceptanceService.UploadAnswer> firstAnswer = new AtomicReference<>();
    AtomicReference<Response> secondAnswer = new AtomicReference<>();
    RowLockWaits.Met<AcceptanceService.UploadAnswer> met = RowLockWaits.meet(new TransactionTemplate(transactionManager),
        () -> firstAnswer.set(acceptance.documentsUploaded(new AcceptanceService.DocumentsUpload(first,
            List.of("BANK_STATEMENTS"), CHANNEL, key))), firstAnswer::get,
        () -> secondAnswer.set(api.post("/api/applications/" + second + "/documents", CHANNEL,
            "{\"documents\": [\"BANK_STATEMENTS\"]}", "Idempotency-Key", key)),
        jdbc, "query ILIKE '%INSERT INTO document_upload_request%'", "the second upload waiting for the first's key");

    assertThat(met.first().status()).as("the first upload").isEqualTo(ApplicationStatus.AWAITING_ACCEPTANCE);
    Response refused = secondAnswer.get();
    assertThat(refused.status()).as("as when the second upload comes after the first: " + refused).isEqualTo(422);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(statusOf(second)).as("nothing recorded for the second application").isEqualTo(ApplicationStatus.DOCUMENTS_MISSING);
    assertThat(applications.get(second).missingDocuments()).containsExactly(RequiredDocument.BANK_STATEMENTS);
  }

  private Submitted submitWithMissingDocuments(TestApplications.Builder request) {
    Submitted application = submit(request);
    ProcessInstance instance = application.processInstance();
    completeAs("zy001-acceptor", task(instance).getId(),
        checklistWithout(application.applicationId(), RequiredDocument.BANK_STATEMENTS));
    executeDueJobs(instance.getId());
    assertThat(instance).isWaitingAt(TASK_RECEIVE_MISSING_DOCUMENTS);
    assertThat(mailsTo(request.email())).hasSize(1);
    return application;
  }
}
