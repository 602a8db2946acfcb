package com.smeloanflow.identity;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link DirectorySync#syncForCluster} on every node every {@code smeloan.identity.directory-sync.interval}
 * ({@code smeloan.identity.directory-sync.enabled}, on by default; off in tests, which call it themselves); one node
 * per interval re-syncs, the others find it done.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.identity.directory-sync.enabled", havingValue = "true", matchIfMissing = true)
public class DirectorySyncSchedule {

  private static final Logger log = LoggerFactory.getLogger(DirectorySyncSchedule.class);

  private final DirectorySync sync;

  public DirectorySyncSchedule(DirectorySync sync) {
    this.sync = sync;
  }

  @Scheduled(fixedDelayString = "${smeloan.identity.directory-sync.interval:PT5M}", initialDelayString = "PT1M")
  public void poll() {
    try {
      sync.syncForCluster(Instant.now());
    } catch (RuntimeException e) {
      // The database or the directory is unreachable, say: the grants stay as they are; the next run tries again.
      log.error("Directory re-sync of the branch staff's reads failed; retrying at the next run", e);
    }
  }
}
