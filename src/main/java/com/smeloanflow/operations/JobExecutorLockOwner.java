package com.smeloanflow.operations;

import java.util.UUID;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Names the job executor's lock owner after the node, {@code <node>#<8 random hex digits>}: a job
 * row ({@code ACT_RU_JOB.LOCK_OWNER_}) then says which node holds it, and each start of a node is a
 * new owner, so a restarted node never mistakes the locks of its previous life for its own. (Camunda's
 * default is a bare random UUID.)
 */
@Component
class JobExecutorLockOwner implements BeanPostProcessor, EnvironmentAware {

  private String nodeName = "node";

  @Override
  public void setEnvironment(Environment environment) {
    nodeName = environment.getProperty("smeloan.cluster.node-name", "node");
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof JobExecutor executor) {
      executor.setLockOwner(lockOwner(nodeName));
    }
    return bean;
  }

  static String lockOwner(String nodeName) {
    return nodeName + "#" + UUID.randomUUID().toString().substring(0, 8);
  }
}
