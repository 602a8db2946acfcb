package com.smeloanflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A channel that sees a status can act on it: the status a channel reads is written in the same
 * transaction that reaches the wait state it names, so a signature reported the moment
 * {@code GET /api/applications/{id}} says AWAITING_SIGNATURE is accepted, never a 409 "not yet
 * waiting". Eight AUTO applications are worked concurrently by a job thread while each channel
 * polls its application and reports the signature at once.
 */
class StatusAndWaitStateTest extends AbstractIntegrationTest {

  private static final int APPLICATIONS = 8;

  @Autowired BeanFactory beans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Test
  void signatureReportedTheMomentTheStatusSaysAwaitingSignatureIsAcceptedForEightConcurrentApplications()
      throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < APPLICATIONS; i++) {
      bodies.add(flow.strongOnlineCreditQuick("100000.00").json());
    }
    AtomicInteger next = new AtomicInteger();
    Set<String> applicationIds = ConcurrentHashMap.newKeySet();
    List<Throwable> jobFailures = new CopyOnWriteArrayList<>();
    AtomicBoolean channelsDone = new AtomicBoolean();
    Thread jobExecutor = new Thread(() -> runJobsUntil(channelsDone, applicationIds, jobFailures), "test-job-executor");
    jobExecutor.start();

    List<Response> reports;
    try {
      reports = Concurrently.run(APPLICATIONS, Duration.ofMinutes(5), () -> {
        Response submitted = api.post("/api/applications", LoanFlow.CHANNEL, bodies.get(next.getAndIncrement()));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String applicationId = submitted.json().get("applicationId").asText();
        applicationIds.add(applicationId);
        long giveUpAt = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!api.get("/api/applications/" + applicationId, LoanFlow.CHANNEL).json().path("status").asText()
            .equals(ApplicationStatus.AWAITING_SIGNATURE.name())) {
          assertThat(System.nanoTime()).as("application %s reached AWAITING_SIGNATURE in 4 minutes", applicationId)
              .isLessThan(giveUpAt);
          Thread.sleep(10);
        }
        return flow.reportSignature(applicationId, flow.signInESignatureService(applicationId));
      });
    } finally {
      channelsDone.set(true);
      jobExecutor.join(60_000);
    }

    assertThat(jobFailures).isEmpty();
    assertThat(reports).hasSize(APPLICATIONS).extracting(Response::status).as("%s", reports).containsOnly(200);
  }

  /** Executes the applications' due jobs one at a time, as one job executor thread would. */
  private void runJobsUntil(AtomicBoolean done, Set<String> applicationIds, List<Throwable> failures) {
    try {
      while (!done.get()) {
        boolean ran = false;
        for (String applicationId : applicationIds) {
          ProcessInstance instance = runtimeService.createProcessInstanceQuery()
              .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
          if (instance == null) {
            continue;
          }
          for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).executable().list()) {
            try {
              managementService.executeJob(job.getId());
            } catch (OptimisticLockingException concurrentChange) {
              // the job executor retries such a job; so does the next round here
            }
            ran = true;
          }
        }
        if (!ran) {
          Thread.sleep(5);
        }
      }
    } catch (Throwable failure) {
      failures.add(failure);
    }
  }
}
