package com.smeloanflow.disbursement;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The disbursement step (asynchronous, retried, then an incident) moves money exactly once
 * (DESIGN.md §3.1 step 7, §7): a retry after the core system posted but its answer was lost posts
 * nothing more and opens one account; a core system that stays down becomes an incident.
 */
class DisbursementRetryTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired LoanAccountService loans;
  @Autowired ApplicationHistory history;
  @Autowired MailOutbox outbox;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void coreBankingWorksAgain() {
    faults.reset();
  }

  /** An AUTO loan whose contract the applicant signed: the disbursement job is next, not yet run. */
  private ProcessInstance signedAndReadyToDisburse() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    Response signed = flow.reportSignature(applicationId, flow.signInESignatureService(applicationId));
    assertThat(signed.status()).as("signature: %s", signed).isEqualTo(200);
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(instance).isWaitingAt(TASK_DISBURSE_LOAN);
    return instance;
  }

  @Test
  void retryAfterTheCoreSystemsAnswerWasLostPostsOnceAndOpensOneLoanAccount() {
    ProcessInstance instance = signedAndReadyToDisburse();
    String applicationId = instance.getBusinessKey();
    Job disbursement = onlyJob(instance.getId());
    faults.failAfterPosting(1);

    assertThatThrownBy(() -> managementService.executeJob(disbursement.getId()))
        .hasMessageContaining("Core banking unavailable").hasMessageContaining(applicationId);

    Job failed = onlyJob(instance.getId());
    assertThat(failed.getId()).isEqualTo(disbursement.getId());
    assertThat(failed.getRetries()).as("retries left").isLessThan(disbursement.getRetries()).isPositive();
    assertThat(failed.getExceptionMessage()).contains("Core banking unavailable");
    assertThat(coreBanking.postingsOf(applicationId)).as("posted before the answer was lost").hasSize(1);
    assertThat(loans.findByApplication(applicationId)).as("loan account after the failed attempt").isEmpty();
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);

    managementService.executeJob(failed.getId());
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(loanAccountsOf(applicationId)).isEqualTo(1);
    assertThat(loans.findByApplication(applicationId).orElseThrow().corePostingReference())
        .isEqualTo(coreBanking.postingsOf(applicationId).get(0).postingReference());
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.DISBURSED);
    assertThat(history.of(applicationId)).filteredOn(event -> event.eventType().equals("DISBURSED"))
        .singleElement().satisfies(event -> assertThat(event.detail()).contains("本次为重试确认"));
  }

  /**
   * The core system posted, its answer was lost, and the retry ran the next day: the loan was paid out on the day of the
   * posting, and the payout notice (放款通知) names that day, not the day the retry sent it.
   */
  @Test
  void payoutNoticeOfARetryOnTheNextDayNamesTheDayTheMoneyWasPaidOut() {
    ProcessInstance instance = signedAndReadyToDisburse();
    String applicationId = instance.getBusinessKey();
    faults.failAfterPosting(1);
    String jobId = onlyJob(instance.getId()).getId();
    assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("Core banking unavailable");

    moveClockBy(Duration.ofDays(1));
    managementService.executeJob(onlyJob(instance.getId()).getId());
    executeDueJobs(instance.getId());

    LocalDate paidOutOn = loans.findByApplication(applicationId).orElseThrow().disbursedOn();
    assertThat(outbox.mailsOf(applicationId)).filteredOn(mail -> mail.template() == MailTemplate.LOAN_DISBURSED)
        .singleElement().extracting(OutboxMail::body).asString()
        .contains("已于" + ChineseDates.day(paidOutOn) + "发放");
  }

  @Test
  void coreSystemThatStaysDownBecomesAnIncidentThatOperationsRetryOnceItIsBack() {
    ProcessInstance instance = signedAndReadyToDisburse();
    String applicationId = instance.getBusinessKey();
    faults.failBeforePosting(100);

    for (int attempt = 0; attempt < 10 && onlyJob(instance.getId()).getRetries() > 0; attempt++) {
      String jobId = onlyJob(instance.getId()).getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("Core banking unavailable");
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident).as("incident of the disbursement").isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(TASK_DISBURSE_LOAN);
    assertThat(incident.getIncidentMessage()).contains("Core banking unavailable").contains(applicationId);
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(loans.findByApplication(applicationId)).isEmpty();
    assertThat(statusOf(applicationId)).isEqualTo(ApplicationStatus.AWAITING_DISBURSEMENT);

    // Core banking is back; operations retry the job in Cockpit.
    faults.reset();
    managementService.setJobRetries(onlyJob(instance.getId()).getId(), 1);
    managementService.executeJob(onlyJob(instance.getId()).getId());
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(loanAccountsOf(applicationId)).isEqualTo(1);
  }

  private long loanAccountsOf(String applicationId) {
    return jdbc.sql("SELECT COUNT(*) FROM loan_account WHERE application_id = :a").param("a", applicationId)
        .query(Long.class).single();
  }
}
