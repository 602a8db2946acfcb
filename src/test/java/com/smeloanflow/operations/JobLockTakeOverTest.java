package com.smeloanflow.operations;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.END_LOAN_DISBURSED;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_DISBURSE_LOAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Two nodes and one job (README, "Running a cluster"): the disbursement of a signed loan, acquired by
 * node A with the cluster's lock time. Node B's acquisition (the engine's own, {@link AcquireJobsCmd})
 * leaves the job alone while A's lock holds; if A dies, B takes the job over once the lock time has
 * run out; if A stops gracefully ({@link JobHandOver}), B takes it at once. Either way the loan is
 * paid out once. The test profile runs no job executor, so the nodes here acquire by hand; the kill
 * test ({@code ./mvnw -Pchaos verify}) does the same with real nodes and {@code kill -9}.
 */
class JobLockTakeOverTest extends AbstractIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired JobLocks locks;
  @Value("${camunda.bpm.job-execution.lock-time-in-millis}") int lockTimeInMillis;

  LoanFlow flow;
  JobExecutor nodeA;
  JobExecutor nodeB;

  @BeforeEach
  void twoNodes() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
    nodeA = node("node-a#" + System.nanoTime());
    nodeB = node("node-b#" + System.nanoTime());
  }

  @AfterEach
  void releaseWhatTheNodesLocked() {
    // Their acquisitions lock every due job of the shared test database, not only this test's.
    locks.release(nodeA.getLockOwner());
    locks.release(nodeB.getLockOwner());
  }

  @Test
  void disbursementLockedByANodeThatDiedIsTakenOverOnceItsLockTimeHasRunOutAndPaysOnce() {
    ProcessInstance instance = signedAndReadyToDisburse();
    Job disbursement = onlyJob(instance.getId());
    stopClock();
    Instant lockedAt = ClockUtil.getCurrentTime().toInstant();

    assertThat(acquire(nodeA)).as("node A acquires the due disbursement").contains(disbursement.getId());
    assertThat(lockOwner(disbursement)).isEqualTo(nodeA.getLockOwner());
    assertThat(lockExpiry(disbursement)).isEqualTo(lockedAt.plusMillis(lockTimeInMillis));

    // Node A dies here (kill -9): nothing releases its lock.
    assertThat(acquire(nodeB)).as("node B while A's lock holds").doesNotContain(disbursement.getId());
    moveClockBy(Duration.ofMillis(lockTimeInMillis).minusSeconds(1));
    assertThat(acquire(nodeB)).as("node B a second before the lock runs out").doesNotContain(disbursement.getId());

    moveClockBy(Duration.ofSeconds(2));
    assertThat(acquire(nodeB)).as("node B once the lock has run out").contains(disbursement.getId());
    assertThat(lockOwner(disbursement)).isEqualTo(nodeB.getLockOwner());
    managementService.executeJob(disbursement.getId());
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(coreBanking.postingsOf(instance.getBusinessKey())).hasSize(1);
  }

  @Test
  void nodeStoppingGracefullyHandsItsQueuedJobsBackSoAnotherNodeRunsThemAtOnce() throws InterruptedException {
    ProcessInstance instance = signedAndReadyToDisburse();
    Job disbursement = onlyJob(instance.getId());
    stopClock();
    assertThat(acquire(nodeA)).contains(disbursement.getId());
    // Node A's job threads: one busy with another job, the disbursement waiting in the queue behind it.
    ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
    threads.setCorePoolSize(1);
    threads.setMaxPoolSize(1);
    threads.setQueueCapacity(8);
    threads.initialize();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch otherJobRunning = new CountDownLatch(1);
    AtomicBoolean queuedJobRan = new AtomicBoolean();
    threads.execute(() -> {
      otherJobRunning.countDown();
      awaitQuietly(busy);
    });
    threads.execute(() -> queuedJobRan.set(true));
    assertThat(otherJobRunning.await(10, TimeUnit.SECONDS)).isTrue();
    // The running job commits once the node has stopped taking work (its pool shut down).
    Thread commit = new Thread(() -> {
      try {
        while (!threads.getThreadPoolExecutor().isShutdown()) {
          Thread.sleep(5);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      busy.countDown();
    });
    commit.start();

    new JobHandOver(provider(nodeA), provider(threads), locks,
        new ClusterProperties("node-a", Duration.ofSeconds(25), Duration.ZERO, Duration.ZERO)).stop();
    commit.join(10_000);

    assertThat(queuedJobRan).as("the queued job did not run on the stopping node").isFalse();
    assertThat(threads.getThreadPoolExecutor().isTerminated()).as("the running job finished first").isTrue();
    assertThat(lockOwner(disbursement)).as("lock after the hand-over").isNull();
    assertThat(acquire(nodeB)).as("node B at once, without waiting out A's lock").contains(disbursement.getId());
    managementService.executeJob(disbursement.getId());
    executeDueJobs(instance.getId());

    assertThat(instance).isEnded().hasPassed(END_LOAN_DISBURSED);
    assertThat(coreBanking.postingsOf(instance.getBusinessKey())).hasSize(1);
  }

  /** An AUTO loan whose contract the applicant signed: the disbursement job is due, not yet run. */
  private ProcessInstance signedAndReadyToDisburse() {
    String applicationId = flow.submitOverApi(flow.strongOnlineCreditQuick("100000.00"));
    Response signed = flow.reportSignature(applicationId, flow.signInESignatureService(applicationId));
    assertThat(signed.status()).as("signature: %s", signed).isEqualTo(200);
    ProcessInstance instance = flow.instance(applicationId);
    assertThat(instance).isWaitingAt(TASK_DISBURSE_LOAN);
    return instance;
  }

  /** A node's job executor, not started: its acquisitions are run by the test. */
  private JobExecutor node(String lockOwner) {
    JobExecutor executor = new DefaultJobExecutor();
    executor.setLockOwner(lockOwner);
    executor.setLockTimeInMillis(lockTimeInMillis);
    // Every due job of the shared test database in one acquisition, so this test's job is never left for the next one.
    executor.setMaxJobsPerAcquisition(100_000);
    return executor;
  }

  /** One acquisition as the node's job executor runs it: the ids of the jobs it locked. */
  private Set<String> acquire(JobExecutor node) {
    AcquiredJobs acquired = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(new AcquireJobsCmd(node));
    return acquired.getJobIdBatches().stream().flatMap(batch -> batch.stream()).collect(java.util.stream.Collectors.toSet());
  }

  private String lockOwner(Job job) {
    // The job is still there; a released one has no owner (a null single() refuses).
    return jdbc.sql("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = :id").param("id", job.getId()).query(String.class).list().get(0);
  }

  private Instant lockExpiry(Job job) {
    return jdbc.sql("SELECT LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE ID_ = :id").param("id", job.getId())
        .query(Timestamp.class).single().toInstant();
  }

  private static <T> ObjectProvider<T> provider(T bean) {
    return new ObjectProvider<>() {
      @Override
      public T getObject() {
        return bean;
      }

      @Override
      public T getObject(Object... args) {
        return bean;
      }

      @Override
      public T getIfAvailable() {
        return bean;
      }

      @Override
      public T getIfUnique() {
        return bean;
      }
    };
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
