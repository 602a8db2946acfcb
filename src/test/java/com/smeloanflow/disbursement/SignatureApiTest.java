package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * POST /api/applications/{id}/signature (DESIGN.md §6): the channel reports a signature, which the
 * bank checks with the e-signature service before the contract counts as signed. Errors are
 * application/problem+json; a refused report leaves the process where it was.
 */
class SignatureApiTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired BusinessClock clock;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void signatureForAnApplicationThatIsNotAwaitingOneIsA409Conflict() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("500000.00"));
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_VERIFY_REMOTELY);

    Response answer = flow.reportSignature(applicationId, "SIG-5d7c2f0e-8a1b-4c55-9e0b-1f2a3b4c5d6e");

    assertThat(answer.status()).as("answer: %s", answer).isEqualTo(409);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().path("status").asInt()).isEqualTo(409);
    assertThat(answer.json().path("detail").asText()).as("in Chinese, the English beside")
        .isEqualTo("申请 " + applicationId + " 当前状态为待远程核实 (AWAITING_VERIFICATION), 不在待签署合同状态, 签署报送不予受理"
            + " (application " + applicationId + " is AWAITING_VERIFICATION, not awaiting a signature)");
    assertThat(flow.instance(applicationId)).isWaitingAt(TASK_VERIFY_REMOTELY);
  }

  @Test
  void signatureAfterTheLoanWasDisbursedIsA409ButTheSameReportAgainIsAnsweredAsBefore() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    String signatureId = flow.signInESignatureService(applicationId);
    assertThat(flow.reportSignature(applicationId, signatureId).status()).isEqualTo(200);
    executeDueJobs(flow.instance(applicationId).getId());
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);

    Response repeated = flow.reportSignature(applicationId, signatureId);
    assertThat(repeated.status()).as("the same report again: %s", repeated).isEqualTo(200);
    assertThat(repeated.json().path("status").asText()).isEqualTo(ApplicationStatus.DISBURSED.name());

    Response another = flow.reportSignature(applicationId, "SIG-00000000-0000-0000-0000-000000000000");
    assertThat(another.status()).as("another signature: %s", another).isEqualTo(409);
    assertThat(another.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void unknownSignatureIdIsA400NamingSignatureIdAndTheContractStaysUnsigned() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));

    Response answer = flow.reportSignature(applicationId, "SIG-unknown-to-the-e-signature-service");

    assertThat(answer.status()).as("answer: %s", answer).isEqualTo(400);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    JsonNode error = answer.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("signatureId");
    assertThat(error.path("code").asText()).isEqualTo("UNKNOWN_SIGNATURE");
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  @Test
  void signatureOfAnotherApplicationsContractIsA400NamingSignatureId() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    String otherApplication = flow.submitOverApi(flow.strongOnlineCreditQuick("120000.00"));
    String othersSignature = flow.signInESignatureService(otherApplication);

    Response answer = flow.reportSignature(applicationId, othersSignature);

    assertThat(answer.status()).as("answer: %s", answer).isEqualTo(400);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("signatureId");
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);
  }

  @Test
  void missingSignedAtIsA400NamingIt() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));

    Response answer = api.post("/api/applications/" + applicationId + "/signature", CHANNEL,
        "{\"signatureId\":\"" + flow.signInESignatureService(applicationId) + "\"}");

    assertThat(answer.status()).as("answer: %s", answer).isEqualTo(400);
    assertThat(answer.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("signedAt");
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);
  }

  /**
   * A time is ISO-8601 text with its offset (DESIGN.md §6 gives "2026-11-23T10:15:30+08:00"), like a day is ISO text:
   * a number, or digits in a string, is not read as seconds since 1970 (a channel sending milliseconds would have been
   * told IN_FUTURE, one sending seconds had its report taken on a reading the contract does not state).
   */
  @Test
  void signedAtSentAsANumberIsA400NamingItAndTheContractStaysUnsigned() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    String signatureId = flow.signInESignatureService(applicationId);
    long secondsSince1970 = clock.now().getEpochSecond() - 60;

    for (String signedAt : List.of(String.valueOf(secondsSince1970), "\"" + secondsSince1970 + "\"", secondsSince1970 + ".5")) {
      Response answer = api.post("/api/applications/" + applicationId + "/signature", CHANNEL,
          "{\"signatureId\":\"" + signatureId + "\",\"signedAt\":" + signedAt + "}");

      assertThat(answer.status()).as("signedAt %s: %s", signedAt, answer).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.json().path("errors")).extracting(e -> e.path("field").asText() + " " + e.path("code").asText())
          .as("signedAt %s", signedAt).containsExactly("signedAt INVALID_TYPE");
    }
    assertThat(flow.instance(applicationId)).isWaitingAt(WAIT_SIGNATURE);
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_SIGNATURE);
  }

  @Test
  void registeredAtAGuarantorsSignedAtAndARenewalsSignedAtSentAsNumbersAre400sNamingThem() {
    long secondsSince1970 = clock.now().getEpochSecond() - 60;

    Response registration = api.post("/api/applications/SL20991231999999/mortgage-registration", CHANNEL,
        "{\"registrationNumber\":\"x\",\"registeredAt\":" + secondsSince1970 + "}");
    Response guarantee = api.post("/api/applications/SL20991231999999/guarantee-signatures", CHANNEL,
        "{\"contractNumber\":\"BZ20991231999999-1\",\"signatureId\":\"SIG-1\",\"signedAt\":" + secondsSince1970 + "}");
    Response renewal = api.post("/api/loans/LN20991231999999/renewal/signature", CHANNEL,
        "{\"signatureId\":\"SIG-1\",\"signedAt\":" + secondsSince1970 + "}");

    assertThat(registration.status()).as(registration.toString()).isEqualTo(400);
    assertThat(registration.json().path("errors").get(0).path("field").asText()).isEqualTo("registeredAt");
    assertThat(guarantee.status()).as(guarantee.toString()).isEqualTo(400);
    assertThat(guarantee.json().path("errors").get(0).path("field").asText()).isEqualTo("signedAt");
    assertThat(renewal.status()).as(renewal.toString()).isEqualTo(400);
    assertThat(renewal.json().path("errors").get(0).path("field").asText()).isEqualTo("signedAt");
  }

  @Test
  void onlyTheChannelReportsSignaturesAndMortgageRegistrations() {
    String body = "{\"signatureId\":\"SIG-x\",\"signedAt\":\"2026-11-23T10:15:30+08:00\"}";
    assertThat(api.post("/api/applications/SL20261123999999/signature", "zy001-acceptor", body).status()).isEqualTo(403);
    assertThat(api.post("/api/applications/SL20261123999999/mortgage-registration", "approver",
        "{\"registrationNumber\":\"x\",\"registeredAt\":\"2026-11-23T10:15:30+08:00\"}").status()).isEqualTo(403);
  }
}
