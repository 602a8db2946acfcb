package com.smeloanflow.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A graceful shutdown of a node ({@code SIGTERM}, {@code server.shutdown: graceful}) hands its queued
 * jobs back to the cluster. Camunda's Spring job executor only stops acquiring: the jobs it acquired
 * and queued would stay locked by the stopped node until their lock time runs out (5 minutes), and
 * the applications behind them would wait that long. This lifecycle stops first (before the web
 * server drains its requests):
 * <ol>
 *   <li>the job executor stops acquiring;</li>
 *   <li>jobs acquired but not started are taken out of the thread pool's queue;</li>
 *   <li>the running jobs are given {@code smeloan.cluster.job-hand-over-timeout} to commit;</li>
 *   <li>every job still locked by this node is released ({@link JobLocks#release}), so another node
 *       runs it at its next acquisition.</li>
 * </ol>
 * A node that is killed ({@code kill -9}, power loss) cannot do this: its jobs are taken over when
 * their lock time has run out.
 */
@Component
public class JobHandOver implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobHandOver.class);

  /** Before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}): higher phases stop first. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final ObjectProvider<TaskExecutor> jobThreads;
  private final JobLocks locks;
  private final ClusterProperties cluster;
  private volatile boolean running;

  public JobHandOver(ObjectProvider<JobExecutor> jobExecutor, @Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobThreads,
      JobLocks locks, ClusterProperties cluster) {
    this.jobExecutor = jobExecutor;
    this.jobThreads = jobThreads;
    this.locks = locks;
    this.cluster = cluster;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    JobExecutor executor = jobExecutor.getIfAvailable();
    if (executor != null) {
      handOver(executor);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void handOver(JobExecutor executor) {
    String owner = executor.getLockOwner();
    executor.shutdown();
    int queued = 0;
    boolean idle = true;
    if (jobThreads.getIfAvailable() instanceof ThreadPoolTaskExecutor pool && pool.getThreadPoolExecutor() != null) {
      ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
      List<Runnable> notStarted = new ArrayList<>();
      threads.getQueue().drainTo(notStarted);
      queued = notStarted.size();
      threads.shutdown();
      try {
        idle = threads.awaitTermination(cluster.jobHandOverTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        idle = false;
      }
    }
    int released = locks.release(owner);
    if (idle) {
      log.info("Job executor {} stopped: {} queued batches dropped, {} jobs handed back to the other nodes", owner, queued, released);
    } else {
      log.warn("Job executor {} stopped with jobs still running after {}: {} jobs handed back; a running job that commits "
          + "now fails on its optimistic lock and is run again by another node", owner, cluster.jobHandOverTimeout(), released);
    }
  }
}
