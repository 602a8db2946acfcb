package com.smeloanflow.operations;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_DISBURSE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.TestApplications;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operations team reads from {@code /actuator/prometheus} follows what happens: work waiting
 * per candidate group, applications by status and route, postings, mails, the engine's jobs and
 * incidents with the step that failed, and the job executor's own counters.
 */
class OperationsMetricsTest extends AbstractIntegrationTest {

  private static final String MONITORING = "monitoring";

  @Autowired OperationsMetrics metrics;
  @Autowired BeanFactory beans;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired SandboxCoreBanking coreBanking;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @AfterEach
  void coreBankingWorksAgain() {
    faults.reset();
  }

  private PrometheusScrape scrape() {
    metrics.refresh();
    return PrometheusScrape.of(api, MONITORING);
  }

  @Test
  void aBranchsWaitingAcceptanceShowsAsOpenAndUnclaimedWorkOfItsGroupUntilAClerkClaimsIt() {
    PrometheusScrape before = scrape();

    String applicationId = submit(TestApplications.mortgageAtBranchCounter()).applicationId();
    PrometheusScrape waiting = scrape();

    assertThat(waiting.value("smeloan_tasks_open", "candidate_group", "ZY001-acceptance"))
        .isEqualTo(before.value("smeloan_tasks_open", "candidate_group", "ZY001-acceptance") + 1);
    assertThat(waiting.value("smeloan_tasks_unclaimed", "candidate_group", "ZY001-acceptance"))
        .isEqualTo(before.value("smeloan_tasks_unclaimed", "candidate_group", "ZY001-acceptance") + 1);
    assertThat(waiting.value("smeloan_applications", "status", "AWAITING_ACCEPTANCE"))
        .isEqualTo(before.value("smeloan_applications", "status", "AWAITING_ACCEPTANCE") + 1);
    assertThat(waiting.value("smeloan_tasks_open", "candidate_group", "ZY002-acceptance"))
        .as("another branch's work").isEqualTo(before.value("smeloan_tasks_open", "candidate_group", "ZY002-acceptance"));

    Task acceptance = taskService.createTaskQuery().processInstanceBusinessKey(applicationId).singleResult();
    taskService.claim(acceptance.getId(), "zy001-acceptor");
    PrometheusScrape claimed = scrape();

    assertThat(claimed.value("smeloan_tasks_open", "candidate_group", "ZY001-acceptance"))
        .isEqualTo(waiting.value("smeloan_tasks_open", "candidate_group", "ZY001-acceptance"));
    assertThat(claimed.value("smeloan_tasks_unclaimed", "candidate_group", "ZY001-acceptance"))
        .isEqualTo(waiting.value("smeloan_tasks_unclaimed", "candidate_group", "ZY001-acceptance") - 1);
    assertThat(claimed.value("smeloan_cluster_figures_age_seconds")).isBetween(0.0, 30.0);
  }

  @Test
  void aDisbursedAutoLoanCountsItsRouteItsPostingItsMailsAndTheJobsTheEngineRan() {
    PrometheusScrape before = scrape();

    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    flow.signContract(applicationId);
    PrometheusScrape after = scrape();

    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(after.value("smeloan_applications_routed_total", "route", "AUTO"))
        .isEqualTo(before.value("smeloan_applications_routed_total", "route", "AUTO") + 1);
    assertThat(after.value("smeloan_disbursements_total")).isEqualTo(before.value("smeloan_disbursements_total") + 1);
    assertThat(after.value("smeloan_disbursed_cny_total")).isEqualTo(before.value("smeloan_disbursed_cny_total") + 100_000);
    assertThat(after.value("smeloan_applications", "status", "DISBURSED"))
        .isEqualTo(before.value("smeloan_applications", "status", "DISBURSED") + 1);
    assertThat(after.value("smeloan_mail_outbox", "status", "SENT"))
        .as("contract-ready and loan-disbursed mails").isEqualTo(before.value("smeloan_mail_outbox", "status", "SENT") + 2);
    assertThat(after.value("camunda_job_successful_total")).isGreaterThan(before.value("camunda_job_successful_total"));
    assertThat(after.value("camunda_activity_instance_start_total"))
        .isGreaterThan(before.value("camunda_activity_instance_start_total"));
    assertThat(after.value("camunda_root_process_instance_start_total"))
        .isGreaterThanOrEqualTo(before.value("camunda_root_process_instance_start_total") + 2)
        .as("loan-origination and post-loan monitoring");
  }

  @Test
  void aCoreBankingOutageShowsAsAFailedDisbursementJobAndIncidentUntilAnOperatorRetriesItOverTheEngineApi() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    flow.signInESignatureService(applicationId);
    ProcessInstance instance = flow.instance(applicationId);
    faults.failBeforePosting(100);
    Response signed = flow.reportSignature(applicationId, flow.signInESignatureService(applicationId));
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    PrometheusScrape before = scrape();

    for (int attempt = 0; attempt < 10 && onlyJob(instance.getId()).getRetries() > 0; attempt++) {
      String jobId = onlyJob(instance.getId()).getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("Core banking unavailable");
    }
    PrometheusScrape down = scrape();

    assertThat(down.value("smeloan_incidents_open", "type", "failedJob", "activity", TASK_DISBURSE_LOAN))
        .isEqualTo(before.value("smeloan_incidents_open", "type", "failedJob", "activity", TASK_DISBURSE_LOAN) + 1);
    assertThat(down.value("smeloan_jobs", "state", "failed")).isEqualTo(before.value("smeloan_jobs", "state", "failed") + 1);
    assertThat(down.value("camunda_job_failed_total")).isGreaterThan(before.value("camunda_job_failed_total"));

    // Core banking is back. An operator retries the job as Cockpit does, over the engine's REST API: one more
    // attempt, due now (without a due date the job would wait out its last retry interval, 15 minutes).
    faults.reset();
    assertThat(onlyJob(instance.getId()).getDuedate()).as("the failed job's due date").isInTheFuture();
    Response retried = api.send("PUT", "/engine-rest/job/" + onlyJob(instance.getId()).getId() + "/retries", "admin", "demo",
        "{\"retries\": 1, \"dueDate\": null}");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(204);
    executeDueJobs(instance.getId());
    PrometheusScrape back = scrape();

    assertThat(coreBanking.postingsOf(applicationId)).as("one posting after the outage").hasSize(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(back.value("smeloan_incidents_open", "type", "failedJob", "activity", TASK_DISBURSE_LOAN))
        .isEqualTo(before.value("smeloan_incidents_open", "type", "failedJob", "activity", TASK_DISBURSE_LOAN));
    assertThat(back.value("smeloan_disbursements_total")).isEqualTo(before.value("smeloan_disbursements_total") + 1);
  }

  /**
   * A multi-instance step whose asynchronous continuation failed before its instances were created (as a renewal
   * committee's votes with nobody who may vote) is counted under the step's id as the model names it, not the engine's
   * {@code #multiInstanceBody}.
   */
  @Test
  void anIncidentOfAMultiInstanceStepIsCountedUnderTheStepsId() {
    String deployment = repositoryService.createDeployment().name("metrics-multi-instance-" + java.util.UUID.randomUUID())
        .addModelInstance("metrics-multi-instance.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("metrics-multi-instance")
            .camundaHistoryTimeToLive(1).startEvent()
            .userTask("UserTask_MetricsVote").name("表决").camundaAsyncBefore().multiInstance()
            .camundaCollection("${membersNobodyProvides}").camundaElementVariable("member").multiInstanceDone()
            .endEvent().done())
        .deploy().getId();
    try {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("metrics-multi-instance");
      PrometheusScrape before = scrape();
      for (int attempt = 0; attempt < 10 && onlyJob(instance.getId()).getRetries() > 0; attempt++) {
        String job = onlyJob(instance.getId()).getId();
        assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining("membersNobodyProvides");
      }
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult().getActivityId())
          .isEqualTo("UserTask_MetricsVote#multiInstanceBody");

      PrometheusScrape stuck = scrape();

      assertThat(stuck.value("smeloan_incidents_open", "type", "failedJob", "activity", "UserTask_MetricsVote"))
          .isEqualTo(before.value("smeloan_incidents_open", "type", "failedJob", "activity", "UserTask_MetricsVote") + 1);
      assertThat(stuck.text()).doesNotContain("#multiInstanceBody");
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }
}
