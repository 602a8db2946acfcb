package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Operators see FAILED mails and re-queue them over {@code /api/admin/mail-outbox}; nobody else may. */
class MailOutboxAdminApiTest extends AbstractIntegrationTest {

  private static final String ADMIN = "admin";

  @Autowired MailOutbox outbox;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void administratorFindsAFailedMailAndRequeuesItOnce() {
    long id = failedMail();

    Response failed = api.get("/api/admin/mail-outbox?status=FAILED", ADMIN);
    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.json().findValues("id")).extracting(JsonNode::asLong).contains(id);

    Response requeued = api.post("/api/admin/mail-outbox/" + id + "/retry", ADMIN, null);
    assertThat(requeued.status()).as(requeued.toString()).isEqualTo(200);
    assertThat(requeued.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(requeued.json().path("attempts").asInt()).isZero();

    Response again = api.post("/api/admin/mail-outbox/" + id + "/retry", ADMIN, null);
    assertThat(again.status()).as("a PENDING mail is not re-queued").isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
  }

  @Test
  void staffOtherThanAdministratorsMayNeitherSeeNorRequeueMails() {
    long id = failedMail();

    assertThat(api.get("/api/admin/mail-outbox", "approver").status()).isEqualTo(403);
    assertThat(api.post("/api/admin/mail-outbox/" + id + "/retry", "process-owner", null).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/mail-outbox/" + id + "/retry", CHANNEL, null).status()).isEqualTo(403);
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.FAILED);
  }

  @Test
  void requeueingAMailThatIsNotInTheOutboxAnswersNotFound() {
    Response answer = api.post("/api/admin/mail-outbox/999999999/retry", ADMIN, null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  /** A queued mail of a new application, marked FAILED as the dispatcher leaves it after its last attempt. */
  private long failedMail() {
    String applicationId = MailDispatchRaceScenario.Applicant.submittedWith(request -> submit(request).applicationId())
        .applicationId();
    long id = new TransactionTemplate(transactions).execute(tx -> outbox.enqueue(applicationId, MailTemplate.DOCUMENTS_MISSING));
    jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', attempts = 24, last_error = 'MailSendException: Connection refused'"
        + " WHERE id = :id").param("id", id).update();
    return id;
  }
}
