package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.operations.OperationsMetrics;
import com.smeloanflow.operations.PrometheusScrape;
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
import org.springframework.beans.factory.annotation.Value;

/**
 * The envelope of a renewal an operator cancelled before it was signed, which the e-signature service refuses to cancel:
 * staff see over the API whether it is cancelled yet, operations see it in {@code smeloan_renewal_envelopes_to_cancel},
 * and the borrower's channel is told nothing of it. The sandbox e-signature service refuses on demand; the poll is run
 * by the test ({@link RenewalEnvelopeCancellations#cancelDue}).
 */
class CancelledRenewalEnvelopeApiTest extends AbstractIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;
  @Autowired private OperationsMetrics metrics;
  @Value("${smeloan.renewal.envelope-cancellation.alert-after-attempts}") private int alertAfterAttempts;

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

  private double envelopesToCancel(String state) {
    metrics.refresh();
    return PrometheusScrape.of(api, "monitoring").value("smeloan_renewal_envelopes_to_cancel", "state", state);
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
    assertThat(envelope.path("lastError").asText()).as("a Chinese line for staff, then the service's own text")
        .startsWith("电子签约服务拒绝撤销续贷合同: Sandbox e-signature service refuses to cancel envelope " + renewal.envelopeId());
    assertThat(envelope.path("lastTriedAt").isTextual()).as(waiting.body()).isTrue();
    assertThat(envelope.has("cancelledAt")).as("not cancelled yet").isFalse();

    ApiClient.Response channel = api.get(renewal.view(), CHANNEL);
    assertThat(channel.status()).as(channel.body()).isEqualTo(200);
    assertThat(channel.json().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(waiting.json().path("statusLabel").asText()).as("staff read who ended it").contains("运维人员");
    assertThat(channel.json().path("statusLabel").asText()).as("the borrower is not told of the bank's operators")
        .isEqualTo("续贷已终止, 原贷款按约到期");
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

  @Test
  void operationsSeeTheEnvelopesWaitingAndThoseTheServiceHasRefusedUntilTheAlert() {
    double waitingBefore = envelopesToCancel("waiting");
    double refusedBefore = envelopesToCancel("refused");

    CancelledRenewal renewal = cancelledWithItsEnvelopeRefused();

    // Before, the figure did not exist: the refusals were only in the database and the log.
    assertThat(envelopesToCancel("waiting")).as("cancelled, its envelope not yet").isEqualTo(waitingBefore + 1);
    assertThat(envelopesToCancel("refused")).isEqualTo(refusedBefore);
    for (int attempt = 1; attempt < alertAfterAttempts; attempt++) {
      envelopeCancellations.cancelDue();
    }
    assertThat(envelopesToCancel("refused")).as("refused once fewer than alert-after-attempts").isEqualTo(refusedBefore);

    envelopeCancellations.cancelDue();

    assertThat(envelopesToCancel("refused")).as("refused alert-after-attempts times").isEqualTo(refusedBefore + 1);
    assertThat(envelopesToCancel("waiting")).isEqualTo(waitingBefore + 1);
    JsonNode envelope = api.get(renewal.view(), "approver").json().path("envelopeCancellation");
    assertThat(envelope.path("attempts").asInt()).isEqualTo(alertAfterAttempts);
    assertThat(envelope.path("statusLabel").asText()).isEqualTo(RenewalView.ENVELOPE_REFUSED);

    eSignature.up();
    envelopeCancellations.cancelDue();

    assertThat(envelopesToCancel("waiting")).as("cancelled once the service accepts").isEqualTo(waitingBefore);
    assertThat(envelopesToCancel("refused")).isEqualTo(refusedBefore);
  }
}
