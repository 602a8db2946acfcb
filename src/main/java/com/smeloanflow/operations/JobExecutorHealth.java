package com.smeloanflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code jobExecutor} (in the readiness probe): UP while this node's job executor
 * acquires and runs jobs; DOWN when it should and does not (not yet started, or stopping). A node
 * configured to run no jobs ({@code camunda.bpm.job-execution.enabled: false}, e.g. a node that only
 * serves Tasklist) is UP with {@code enabled: false}: the other nodes run the jobs. Replaces the
 * starter's indicator of the same name, which reports such a node DOWN and says nothing about the pool.
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealth extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final ObjectProvider<TaskExecutor> jobThreads;
  private final boolean enabled;

  public JobExecutorHealth(ProcessEngine engine, @Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobThreads,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    super("Job executor health check failed");
    this.engine = engine;
    this.jobThreads = jobThreads;
    this.enabled = enabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    if (!enabled) {
      health.up().withDetail("enabled", false);
      return;
    }
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    (executor != null && executor.isActive() ? health.up() : health.down())
        .withDetail("enabled", true)
        .withDetail("lockOwner", executor == null ? "none" : executor.getLockOwner())
        .withDetail("maxJobsPerAcquisition", executor == null ? 0 : executor.getMaxJobsPerAcquisition())
        .withDetail("lockTimeInMillis", executor == null ? 0 : executor.getLockTimeInMillis());
    if (jobThreads.getIfAvailable() instanceof ThreadPoolTaskExecutor pool) {
      health.withDetail("threads", pool.getMaxPoolSize())
          .withDetail("activeThreads", pool.getActiveCount())
          .withDetail("queued", pool.getQueueSize())
          .withDetail("queueCapacity", pool.getQueueCapacity());
    }
  }
}
