package com.smeloanflow.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers the conversions not yet told to their prospect's process on every node
 * ({@code smeloan.campaign.applied-notice.poller-enabled}, on by default; off in tests, which call
 * {@link EnterpriseAppliedDelivery#deliverDue()} themselves). The next poll follows {@code poll-interval} after the
 * previous one ended.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "smeloan.campaign.applied-notice.poller-enabled", havingValue = "true", matchIfMissing = true)
public class EnterpriseAppliedDeliverySchedule {

  private static final Logger log = LoggerFactory.getLogger(EnterpriseAppliedDeliverySchedule.class);

  private final EnterpriseAppliedDelivery delivery;

  public EnterpriseAppliedDeliverySchedule(EnterpriseAppliedDelivery delivery) {
    this.delivery = delivery;
  }

  @Scheduled(fixedDelayString = "${smeloan.campaign.applied-notice.poll-interval:PT1M}", initialDelayString = "PT30S")
  public void poll() {
    try {
      delivery.deliverDue();
    } catch (RuntimeException e) {
      // The database is unreachable, say: the notices stay to be delivered; the next poll tries again.
      log.error("Prospect conversion delivery poll failed; retrying at the next poll", e);
    }
  }
}
