package com.smeloanflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.collections.CollectionCaseService;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxESignature;
import com.smeloanflow.monitoring.MonitoringScenario;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.LoanRenewalProcess;
import com.smeloanflow.process.PostLoanCheckProcess;
import com.smeloanflow.processing.ProcessingFixtures;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A loan with a renewal under way called in by a post-loan check (提前收回贷款并移交催收), as the remote banking centre
 * concludes it in Tasklist: staff and the channel see the renewal ended (CALLED_IN, 贷款已提前收回, 续贷终止), the borrower
 * is mailed, an unsigned contract's envelope is queued for cancellation (staff read the e-signature service's refusal in
 * a Chinese line), and nothing is posted at maturity.
 */
class CalledInRenewalApiTest extends AbstractIntegrationTest {

  @Autowired private LoanAccountService loans;
  @Autowired private DailyCloseService dailyClose;
  @Autowired private MailOutbox outbox;
  @Autowired private BusinessClock clock;
  @Autowired private RenewalRepository renewals;
  @Autowired private SandboxCoreBanking coreBanking;
  @Autowired private SandboxESignature eSignature;
  @Autowired private RenewalEnvelopeCancellations envelopeCancellations;
  @Autowired private CollectionCaseService collectionCases;

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

  /** A strong borrower's loan, offered renewal and applied for (the model approves: the contract goes out for signature). */
  private RenewalScenario appliedFor() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
    assertThat(loan.apply("REQ-" + loan.loanId()).status()).isEqualTo(201);
    loan.runJobs(loan.renewal());
    return loan;
  }

  /** Under post-loan monitoring, a signal of the borrower's overdue debt elsewhere: the remote check is open. */
  private MonitoringScenario aSignalCheckOpenOn(RenewalScenario loan) {
    return MonitoringScenario.of(loan.account(), processEngine, api, this::executeDueJobs, this::completeAs, loans,
        dailyClose).firstCheck("NORMAL").overdueElsewhere("EVT-" + loan.loanId());
  }

  /** The remote check of a signal calls the loan in. */
  private void calledInByAPostLoanCheck(RenewalScenario loan) {
    aSignalCheckOpenOn(loan).callIn();
    assertThat(loans.acceleratedOn(loan.loanId())).as("called in").isPresent();
  }

  private String view(RenewalScenario loan) {
    return "/api/loans/" + loan.loanId() + "/renewal";
  }

  @Test
  void anApprovedRenewalOfALoanCalledInEndsStaffAndTheChannelSeeItAndItsEnvelopeIsCancelled() {
    RenewalScenario loan = appliedFor();
    ProcessInstance instance = loan.renewal();
    String envelopeId = renewals.find(loan.loanId()).orElseThrow().envelopeId();
    eSignature.refuseToCancel(envelopeId);

    calledInByAPostLoanCheck(loan);

    // Before, the renewal stayed APPROVED (已批准, 待签署续贷合同): the borrower could still sign it, the loan be renewed.
    assertThat(instance).hasPassed(LoanRenewalProcess.Elements.END_CALLED_IN).isEnded();
    ApiClient.Response staff = api.get(view(loan), "approver");
    assertThat(staff.status()).as(staff.body()).isEqualTo(200);
    assertThat(staff.json().path("status").asText()).isEqualTo("CALLED_IN");
    assertThat(staff.json().path("statusLabel").asText()).isEqualTo("贷款已提前收回, 续贷终止");
    assertThat(staff.json().path("closedOn").asText()).isEqualTo(today.toString());
    ApiClient.Response channel = api.get(view(loan), CHANNEL);
    assertThat(channel.json().path("status").asText()).isEqualTo("CALLED_IN");
    assertThat(channel.json().path("statusLabel").asText()).isEqualTo("贷款已提前收回, 续贷终止");
    assertThat(channel.json().has("envelopeCancellation")).as(channel.body()).isFalse();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN);
    assertThat(renewals.envelopesToCancel(Integer.MAX_VALUE)).extracting(RenewalRepository.EnvelopeToCancel::envelopeId)
        .as("queued for the poller").contains(envelopeId);

    envelopeCancellations.cancelDue();

    JsonNode refused = api.get(view(loan), "approver").json().path("envelopeCancellation");
    assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("WAITING");
    // Before, staff read the service's English text with a Java class name (java.lang.IllegalStateException: ...).
    assertThat(refused.path("lastError").asText())
        .startsWith("电子签约服务拒绝撤销续贷合同: Sandbox e-signature service refuses to cancel envelope " + envelopeId)
        .doesNotContain("Exception");

    eSignature.up();
    envelopeCancellations.cancelDue();
    assertThat(eSignature.status(envelopeId)).contains("CANCELLED");
    assertThat(api.get(view(loan), "approver").json().path("envelopeCancellation").path("status").asText())
        .isEqualTo("CANCELLED");
  }

  /**
   * Only offered when the loan is called in, the renewal is left as it was (nothing under way to end); the borrower who
   * applies afterwards is refused as the loan was called in, not told that a prepayment changed the amount.
   */
  @Test
  void anApplicationForTheOfferedRenewalOfALoanCalledInIsRefusedAsCalledInAndNothingStarts() {
    RenewalScenario loan = RenewalScenario.loan(processEngine, api, this::executeDueJobs, outbox, intakeService, loans, today,
        RenewalDates.daysToMaturity(bankCalendar, today, 45, true), ProcessingFixtures.strongProfile(),
        RenewalScenario.PRINCIPAL).scanNow();
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);
    calledInByAPostLoanCheck(loan);

    ApiClient.Response applied = loan.apply("REQ-" + loan.loanId());

    assertThat(applied.status()).as(applied.body()).isEqualTo(409);
    assertThat(applied.body()).contains("[CALLED_IN]", RenewalRefusal.CALLED_IN.text()).doesNotContain("PRINCIPAL_CHANGED");
    assertThat(renewals.find(loan.loanId()).orElseThrow().status()).isEqualTo(RenewalStatus.OFFERED);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LoanRenewalProcess.KEY)
        .processInstanceBusinessKey(loan.loanId()).count()).as("loan-renewal instances").isZero();
  }

  @Test
  void aSignedRenewalOfALoanCalledInIsNotPostedAtMaturity() {
    RenewalScenario loan = appliedFor();
    ProcessInstance instance = loan.renewal();
    assertThat(loan.signAndReport().status()).isEqualTo(200);

    calledInByAPostLoanCheck(loan);

    assertThat(instance).hasPassed(LoanRenewalProcess.Elements.END_CALLED_IN).isEnded();
    assertThat(api.get(view(loan), "approver").json().path("status").asText()).isEqualTo("CALLED_IN");
    moveClockTo(loan.account().maturityDate().atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    assertThat(coreBanking.postingsOf(loan.loanId())).isEmpty();
    assertThat(loans.findRenewalOf(loan.loanId())).isEmpty();
    assertThat(loan.mails()).containsOnlyOnce(MailTemplate.RENEWAL_CALLED_IN).doesNotContain(MailTemplate.RENEWAL_COMPLETED);
  }

  /**
   * The renewal was booked at maturity (the old loan's principal repaid with the new loan's) and a signal on the old loan
   * reported afterwards is being checked (one under check at maturity would have stopped the renewal: the posting asks
   * the eligibility table again): the booking neither closes the old loan (it stays ACTIVE until a daily close settles it, once
   * the maturity interest is paid) nor ends its monitoring. Days later, before any close, the checker concludes that check
   * 提前收回贷款并移交催收: refused, naming the new loan that now carries the debt; nothing is called in.
   */
  @Test
  void aCallInOfALoanItsRenewalRepaidDaysAgoIsRefusedNamingTheNewLoanAndNothingIsCalledIn() {
    RenewalScenario loan = appliedFor();
    ProcessInstance instance = loan.renewal();
    assertThat(loan.signAndReport().status()).isEqualTo(200);
    LocalDate maturity = loan.account().maturityDate();
    moveClockTo(maturity.atStartOfDay(BusinessClock.BANK_ZONE).toInstant().plus(Duration.ofMinutes(1)));
    loan.runJobs(instance);
    assertThat(instance).hasPassed(LoanRenewalProcess.Elements.END_RENEWED).isEnded();
    String newLoanId = loans.findRenewalOf(loan.loanId()).orElseThrow().loanId();
    MonitoringScenario monitored = aSignalCheckOpenOn(loan);
    moveClockTo(maturity.plusDays(3).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    assertThat(loans.find(loan.loanId()).orElseThrow().status()).as("no close since the booking").isEqualTo(LoanAccount.ACTIVE);
    String taskId = monitored.task(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY).getId();

    // Before, the old loan (0.00 principal left) was accelerated and handed to collections, the new loan left alone.
    assertThatThrownBy(monitored::callIn).hasRootCauseInstanceOf(StateConflictException.class)
        .hasMessageContaining("借据 " + loan.loanId() + " 已于" + ChineseDates.day(maturity) + "无还本续贷为新借据 " + newLoanId
            + ", 原借据不再提前收回; 请对新借据 " + newLoanId + " 报送预警信号并发起检查");

    assertThat(loans.acceleratedOn(loan.loanId())).as("old loan accelerated").isEmpty();
    assertThat(loans.acceleratedOn(newLoanId)).as("new loan accelerated").isEmpty();
    assertThat(collectionCases.openCase(loan.loanId())).as("collection case of the old loan").isEmpty();
    assertThat(collectionCases.openCase(newLoanId)).as("collection case of the new loan").isEmpty();
    assertThat(monitored.task(PostLoanCheckProcess.Elements.TASK_CHECK_REMOTELY).getId()).as("the check, still open")
        .isEqualTo(taskId);
    assertThat(loan.mails()).contains(MailTemplate.RENEWAL_COMPLETED).doesNotContain(MailTemplate.RENEWAL_CALLED_IN);
  }
}
