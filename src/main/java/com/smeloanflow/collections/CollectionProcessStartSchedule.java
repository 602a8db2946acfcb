package com.smeloanflow.collections;

import com.smeloanflow.servicing.DailyCloseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls for collection cases whose process is to be started, on every node
 * ({@code smeloan.collections.process-start.poller-enabled}, on by default; off in tests, which call
 * {@link CollectionProcessStarts#startDue()} themselves). A poll starts every due case; the next poll
 * follows {@code poll-interval} after the previous one ended. While a daily close runs on any node the poll
 * waits: the close's posting comes first, its collection processes right after it (a crashed close's
 * lease runs out, so its cases are started then).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.collections.process-start.poller-enabled", havingValue = "true", matchIfMissing = true)
public class CollectionProcessStartSchedule {

  private static final Logger log = LoggerFactory.getLogger(CollectionProcessStartSchedule.class);

  private final CollectionProcessStarts starts;
  private final DailyCloseService dailyClose;

  public CollectionProcessStartSchedule(CollectionProcessStarts starts, DailyCloseService dailyClose) {
    this.starts = starts;
    this.dailyClose = dailyClose;
  }

  @Scheduled(fixedDelayString = "${smeloan.collections.process-start.poll-interval:PT2S}", initialDelayString = "PT5S")
  public void poll() {
    try {
      if (dailyClose.running()) {
        return;
      }
      int started = starts.startDue();
      if (started > 0) {
        log.info("Started {} collection processes of cases the daily close opened", started);
      }
    } catch (RuntimeException e) {
      // The database is unreachable, say: the cases keep waiting; the next poll tries again.
      log.error("Collection process start poll failed; retrying at the next poll", e);
    }
  }
}
