package com.smeloanflow.renewal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Cancels the envelopes of cancelled renewals on every node ({@code smeloan.renewal.envelope-cancellation.poller-enabled},
 * on by default; off in tests, which call {@link RenewalEnvelopeCancellations#cancelDue()} themselves). The next poll
 * follows {@code poll-interval} after the previous one ended.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.renewal.envelope-cancellation.poller-enabled", havingValue = "true", matchIfMissing = true)
public class RenewalEnvelopeCancellationSchedule {

  private static final Logger log = LoggerFactory.getLogger(RenewalEnvelopeCancellationSchedule.class);

  private final RenewalEnvelopeCancellations cancellations;

  public RenewalEnvelopeCancellationSchedule(RenewalEnvelopeCancellations cancellations) {
    this.cancellations = cancellations;
  }

  @Scheduled(fixedDelayString = "${smeloan.renewal.envelope-cancellation.poll-interval:PT1M}", initialDelayString = "PT30S")
  public void poll() {
    try {
      cancellations.cancelDue();
    } catch (RuntimeException e) {
      // The database is unreachable, say: the envelopes stay to be cancelled; the next poll tries again.
      log.error("Renewal envelope cancellation poll failed; retrying at the next poll", e);
    }
  }
}
