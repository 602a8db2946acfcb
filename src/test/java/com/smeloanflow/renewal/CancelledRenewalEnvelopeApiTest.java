package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.time.LocalDate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The envelope of a renewal an operator cancelled before it was signed, which the e-signature service refuses to cancel:
 * staff see over the API whether it is cancelled yet, and the borrower's channel is told nothing of it. The sandbox e-signature service refuses on demand; the poll is run
 * by the test ({@link RenewalEnvelopeCancellations#cancelDue}).
 */
class CancelledRenewalEnvelopeApiTest extends AbstractIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;

  private LocalDate today;

  @BeforeEach
  void aFixedMorningAndNoEnvelopeLeftToCancel() {
    stopClock();
    today = clock.today();
    envelopeCancellations.cancelDue(); // envelopes other tests left to cancel
  }

  @AfterEach
  void eSignatureWorksAgain() {
    eSignature.up();
  }

  /** A renewal approved by the model, its contract sent for signature and not signed, cancelled by an operator. */
  private CancelledRenewal cancelledWithItsEnvelopeRefused() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();
    assertThat(eSignature.status(envelopeId)).contains("SENT");
    eSignature.refuseToCancel(envelopeId);
    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);
    return new CancelledRenewal(loan.loanId(), envelopeId);
  }

  private record CancelledRenewal(String loanId, String envelopeId) {

    String view() {
      return "/api/loans/" + loanId + "/renewal";
    }
  }

  @Test
  void staffSeeThatTheEnvelopeOfACancelledRenewalWaitsWhileTheServiceRefusesAndWhenItIsCancelled() {
    CancelledRenewal renewal = cancelledWithItsEnvelopeRefused();
    envelopeCancellations.cancelDue();
    envelopeCancellations.cancelDue();

    // Before, staff saw CANCELLED and nothing of the envelope the borrower may still be shown to sign.
    ApiClient.Response waiting = api.get(renewal.view(), "approver");
    assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);
    assertThat(waiting.json().path("status").asText()).isEqualTo("CANCELLED");
    JsonNode envelope = waiting.json().path("envelopeCancellation");
    assertThat(envelope.path("status").asText()).as(waiting.body()).isEqualTo("WAITING");
    assertThat(envelope.path("statusLabel").asText()).isEqualTo(RenewalView.ENVELOPE_WAITING);
    assertThat(envelope.path("attempts").asInt()).isEqualTo(2);
    assertThat(envelope.path("lastError").asText()).contains("refuses to cancel envelope " + renewal.envelopeId());
    assertThat(envelope.path("lastTriedAt").isTextual()).as(waiting.body()).isTrue();
    assertThat(envelope.has("cancelledAt")).as("not cancelled yet").isFalse();

    ApiClient.Response channel = api.get(renewal.view(), CHANNEL);
    assertThat(channel.status()).as(channel.body()).isEqualTo(200);
    assertThat(channel.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(channel.json().has("envelopeCancellation")).as("an operator's matter, not the borrower's: %s", channel.body())
        .isFalse();
    assertThat(channel.body()).doesNotContain("refuses");

    eSignature.up();
    envelopeCancellations.cancelDue();

    JsonNode cancelled = api.get(renewal.view(), "approver").json().path("envelopeCancellation");
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("statusLabel").asText()).isEqualTo(RenewalView.ENVELOPE_CANCELLED);
    assertThat(cancelled.path("cancelledAt").isTextual()).as(cancelled.toString()).isTrue();
    assertThat(cancelled.path("attempts").asInt()).as("the refusals before stay on record").isEqualTo(2);
    assertThat(eSignature.status(renewal.envelopeId())).contains("CANCELLED");
  }

  @Test
  void aRenewalSignedBeforeItWasCancelledShowsNoEnvelopeToCancel() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    ProcessInstance instance = loan.renewal();
    loan.runJobs(instance);
    assertThat(loan.signAndReport().status()).isEqualTo(200);

    runtimeService.deleteProcessInstance(instance.getId(), "运维人员取消续贷", true);

    ApiClient.Response view = api.get("/api/loans/" + loan.loanId() + "/renewal", "approver");
    assertThat(view.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(view.json().has("envelopeCancellation")).as("signed: nothing to cancel, %s", view.body()).isFalse();
  }
}
