package com.smeloanflow.platform.sla;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link SlaMonitor} on every node ({@code smeloan.sla.monitor-enabled}, on by default; off in
 * tests, which run it themselves after moving the clock). The claims make a reminder or escalation go out
 * once, whichever node runs first.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.sla.monitor-enabled", havingValue = "true", matchIfMissing = true)
public class SlaSchedule {

  private static final Logger log = LoggerFactory.getLogger(SlaSchedule.class);

  private final SlaMonitor monitor;

  public SlaSchedule(SlaMonitor monitor) {
    this.monitor = monitor;
  }

  @Scheduled(fixedDelayString = "${smeloan.sla.poll-interval:PT1M}", initialDelayString = "PT20S")
  public void poll() {
    try {
      monitor.runDue();
    } catch (RuntimeException e) {
      log.error("SLA monitor run failed; retrying at the next run", e);
    }
  }
}
