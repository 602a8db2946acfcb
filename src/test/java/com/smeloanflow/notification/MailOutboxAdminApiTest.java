package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.BrokenMailValues;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
    assertThat(again.json().path("detail").asText()).as("the operator reads why")
        .contains("邮件 " + id + " 当前状态为 PENDING, 只有发送失败 (FAILED) 的邮件可以重新排队");
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
    assertThat(answer.json().path("title").asText()).isEqualTo("邮件不存在");
    assertThat(answer.json().path("detail").asText()).isEqualTo("邮件 999999999 不存在 (mail 999999999 is not in the outbox)");
  }

  @Test
  void aMailThatCouldNotBeRenderedIsListedFailedAndRenderedWithTodaysValuesWhenRequeued() {
    MailDispatchRaceScenario.Applicant applicant = applicant();
    long id = unrenderedMail(applicant.applicationId());

    Response failed = api.get("/api/admin/mail-outbox?status=FAILED", ADMIN);
    assertThat(failed.status()).isEqualTo(200);
    JsonNode listed = listed(failed, id);
    assertThat(listed.path("status").asText()).isEqualTo("FAILED");
    assertThat(listed.path("renderFailed").asBoolean()).isTrue();
    assertThat(listed.path("lastError").asText()).contains("DOCUMENTS_MISSING", applicant.applicationId(),
        BrokenMailValues.CAUSE);
    BrokenMailValues.repairAll(); // the cause fixed
    applications.updateMissingDocuments(applicant.applicationId(), List.of(RequiredDocument.BANK_STATEMENTS), Instant.now());

    Response requeued = api.post("/api/admin/mail-outbox/" + id + "/retry", ADMIN, null);

    assertThat(requeued.status()).as(requeued.toString()).isEqualTo(200);
    assertThat(requeued.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(requeued.json().path("renderFailed").asBoolean()).isFalse();
    assertThat(requeued.json().path("recipient").asText()).isEqualTo(applicant.email());
    assertThat(requeued.json().path("subject").asText()).contains(applicant.applicationId(), "补充资料");
    assertThat(requeued.json().path("body").asText()).as("the values as of the re-queue")
        .contains(RequiredDocument.BANK_STATEMENTS.label());
    assertThat(mailDispatcher.dispatchDueOf(applicant.applicationId())).isEqualTo(1);
    assertThat(mailsTo(applicant.email())).singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains(RequiredDocument.BANK_STATEMENTS.label()));
    assertThat(outbox.get(id).status()).isEqualTo(MailStatus.SENT);
  }

  @Test
  void requeueOfAMailThatStillCannotBeRenderedIsRefusedNamingTheCauseAndLeavesItFailed() {
    MailDispatchRaceScenario.Applicant applicant = applicant();
    long id = unrenderedMail(applicant.applicationId());
    OutboxMail before = outbox.get(id);

    Response refused = api.post("/api/admin/mail-outbox/" + id + "/retry", ADMIN, null);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("邮件 " + id + " 仍无法生成", BrokenMailValues.CAUSE,
        "still cannot be rendered");
    assertThat(outbox.get(id)).as("unchanged").isEqualTo(before);
    assertThat(mailDispatcher.dispatchDueOf(applicant.applicationId())).isZero();
  }

  @AfterEach
  void repairMailValues() {
    BrokenMailValues.repairAll();
  }

  private MailDispatchRaceScenario.Applicant applicant() {
    return MailDispatchRaceScenario.Applicant.submittedWith(request -> submit(request).applicationId());
  }

  /** A mail of the application queued while its values could not be read: FAILED, never rendered. */
  private long unrenderedMail(String applicationId) {
    BrokenMailValues.breakApplicationMails(applicationId, BrokenMailValues.Fault.THROWS);
    long id = new TransactionTemplate(transactions).execute(tx -> outbox.enqueue(applicationId, MailTemplate.DOCUMENTS_MISSING));
    assertThat(outbox.get(id).renderFailed()).isTrue();
    return id;
  }

  private static JsonNode listed(Response list, long id) {
    for (JsonNode mail : list.json()) {
      if (mail.path("id").asLong() == id) {
        return mail;
      }
    }
    throw new AssertionError("mail " + id + " not listed: " + list.body());
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
